using Hearth.Features.Accounts;
using Hearth.Features.Announcements;
using Hearth.Features.Articles;
using Hearth.Features.Attachments;
using Hearth.Features.Communities;
using Hearth.Features.Conversation;
using Hearth.Features.Discussions;
using Hearth.Features.Events;
using Hearth.Features.Governance;
using Hearth.Features.Health;
using Hearth.Features.Ideas;
using Hearth.Features.Membership;
using Hearth.Features.Messages;
using Hearth.Features.Moderation;
using Hearth.Features.Notifications;
using Hearth.Features.People;
using Hearth.Features.Portability;
using Hearth.Features.Questions;
using Hearth.Features.Search;
using Hearth.Platform;
using Hearth.Platform.Cli;
using Hearth.Platform.Web;

var (verb, rest) = Verbs.Split(args);
var builder = WebApplication.CreateBuilder(rest);
builder.AddHearthPlatform();
builder.Services
    .AddAccounts()
    .AddCommunities()
    .AddMembership()
    .AddDiscussions()
    .AddConversation()
    .AddNotifications()
    .AddAnnouncements()
    .AddAttachments()
    .AddEvents()
    .AddQuestions()
    .AddIdeas()
    .AddArticles()
    .AddSearch()
    .AddPeople()
    .AddMessages()
    .AddModeration()
    .AddHealth()
    .AddGovernance()
    .AddPortability();
builder.Services.AddSingleton<Hearth.Platform.Cli.DemoSeed>();
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");

var app = builder.Build();
if (verb is not null)
{
    return await Verbs.RunAsync(app, verb, rest);
}

await app.MigrateAsync();
app.UseHearthPipeline();
app.MapHealth();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapGroup("/api/v1")
    .AddEndpointFilter<ApiAntiforgery>()
    .AddEndpointFilter<RetryAfterHeader>()
    .MapAccountsApi()
    .MapCommunitiesApi()
    .MapMembershipApi()
    .MapDiscussionsApi()
    .MapConversationApi()
    .MapNotificationsApi()
    .MapAnnouncementsApi()
    .MapAttachmentsApi()
    .MapEventsApi()
    .MapQuestionsApi()
    .MapIdeasApi()
    .MapArticlesApi()
    .MapSearchApi()
    .MapPeopleApi()
    .MapMessagesApi()
    .MapModerationApi()
    .MapHealthApi()
    .MapGovernanceApi()
    .MapPortabilityApi();
app.MapRazorPages();
app.Run();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
