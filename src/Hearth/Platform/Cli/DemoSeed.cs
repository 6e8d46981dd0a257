using Hearth.Features.Accounts;
using Hearth.Features.Announcements;
using Hearth.Features.Attachments;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Features.Events;
using Hearth.Features.Membership;
using Hearth.Platform.Results;

namespace Hearth.Platform.Cli;

/// <summary>
/// Fills an instance with a few living communities of both kinds (<c>seed --demo</c>), through the same use cases
/// the pages and the API call, so the demo obeys every rule a real community does. Running it twice changes nothing.
/// </summary>
public sealed class DemoSeed(IServiceProvider services)
{
    public const string Password = "hearth-demo";

    private static readonly (string UserName, string DisplayName)[] People =
    [
        ("ada", "Ada Lovelace"), ("grace", "Grace Hopper"), ("linus", "Linus Pauling"), ("margaret", "Margaret Hamilton"),
        ("alan", "Alan Kay"), ("barbara", "Barbara Liskov"), ("ken", "Ken Thompson"), ("radia", "Radia Perlman"),
    ];

    public async Task<string> RunAsync()
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserQueries>();
        if (await users.IdOfAsync("ada") is not null) return "The demo is already seeded (user 'ada' exists).";

        var ids = new Dictionary<string, long>();
        foreach (var (userName, displayName) in People)
        {
            var registered = Must(await sp.GetRequiredService<RegisterUser>().HandleAsync(
                new RegisterRequest(userName, $"{userName}@demo.hearth.test", Password, displayName)));
            ids[userName] = registered.Id;
        }

        var create = sp.GetRequiredService<CreateCommunity>();
        var join = sp.GetRequiredService<JoinCommunity>();
        var addSpace = sp.GetRequiredService<AddSpace>();
        var createTopic = sp.GetRequiredService<CreateTopic>();
        var reply = sp.GetRequiredService<ReplyToTopic>();

        async Task Community(string founder, CreateCommunityRequest request, string[] members)
        {
            Must(await create.HandleAsync(request, ids[founder]));
            foreach (var member in members)
                Must(await join.HandleAsync(request.Slug!, new JoinRequest(1), ids[member]));
        }

        async Task Conversation(string slug, string? space, string author, string title, string body, params (string Who, string Text)[] replies)
        {
            var topic = Must(await createTopic.HandleAsync(slug, new CreateTopicRequest(space, title, body), ids[author]));
            foreach (var (who, text) in replies) Must(await reply.HandleAsync(topic.Id, new ReplyRequest(text), ids[who]));
        }

        await Community("ada", new CreateCommunityRequest("Sourdough Circle", "sourdough", "Interest", null,
            "Bakers helping each other keep a starter alive and bake **better bread** at home.",
            "Curiosity over perfection. Share what failed as gladly as what worked.",
            "1. Be kind to beginners.\n2. Post your recipe with your photo.\n3. No selling.", "Public", "Open"),
            ["grace", "linus", "alan", "ken"]);
        await Conversation("sourdough", null, "grace", "My starter smells like nail polish — is it dead?",
            "Day 6, it rose well on day 4 and now smells of acetone. Feeding 1:1:1 twice a day at about 22 °C.",
            ("ada", "Not dead — hungry. Acetone means it ran out of food. Try **1:5:5** for a couple of days."),
            ("linus", "Same happened to me. A warmer spot (25 °C) fixed it in two feeds."),
            ("grace", "1:5:5 worked, it doubled in six hours. Thank you both!"));
        await Conversation("sourdough", null, "ken", "Weekend bake: 75% hydration country loaf",
            "Recipe: 500 g flour (10% whole wheat), 375 g water, 100 g levain, 10 g salt. Bulk 5 h at 24 °C.",
            ("alan", "Gorgeous crumb. How long was the cold retard?"),
            ("ken", "14 hours in the fridge, baked straight from cold."));

        await Community("margaret", new CreateCommunityRequest("SRE Practitioners", "sre", "Practice", "Site reliability engineering",
            "Engineers who run production systems sharing **how incidents really happen** and what actually helps.",
            "Blameless by default. Data over anecdotes. Credit the people who taught you.",
            "1. No vendor pitches.\n2. Redact customer data from postmortems.\n3. Assume good intent.", "Public", "Approval"),
            []);
        // Joining SRE needs a steward's approval: two requests are approved, one waits for the steward to decide.
        foreach (var member in new[] { "radia", "barbara", "ken" })
            Must(await join.HandleAsync("sre", new JoinRequest(1), ids[member]));
        var sre = (await sp.GetRequiredService<CommunityAccessQuery>().BySlugAsync("sre", ids["margaret"]))!;
        var requests = (await sp.GetRequiredService<MembershipQueries>().RequestsAsync(sre.Id, null, 10))!.Items;
        foreach (var request in requests.Where(r => r.UserName is "radia" or "barbara"))
            Must(await sp.GetRequiredService<DecideRequest>().HandleAsync("sre", request.Id, Decision.Approve, ids["margaret"]));
        Must(await sp.GetRequiredService<ChangeRole>().HandleAsync("sre", "radia", new ChangeRoleRequest("Moderator"), ids["margaret"]));
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Questions", "questions", "Questions", "Ask the people who have been paged for it."), ids["margaret"]));
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Announcements", "announcements", "Announcements", "News from the stewards."), ids["margaret"]));
        // Announcements: the SRE stewards' space takes no replies; one announcement pinned, and read by two members.
        var topics = sp.GetRequiredService<TopicQueries>();
        var markSeen = sp.GetRequiredService<MarkSeen>();
        Must(await sp.GetRequiredService<EditSpace>().HandleAsync("sre", "announcements", new EditSpaceRequest(AllowReplies: false), ids["margaret"]));
        var rota = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("announcements", "New on-call rota from 1 March",
            "We move to **follow-the-sun** rotations. Questions about it go to the Questions space."), ids["margaret"]));
        Must(await sp.GetRequiredService<PinTopic>().HandleAsync(rota.Id, new PinRequest(true), ids["radia"]));
        Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("announcements", "Postmortem reading group moves to Thursdays",
            "Same time, same link. This month: a storage outage from the archives."), ids["radia"]));
        foreach (var reader in new[] { "radia", "barbara" })
            await markSeen.HandleAsync((await topics.TopicAsync(rota.Id, ids[reader]))!, ids[reader]);

        // Attachments: a photo uploaded for the sourdough community, shown in the post whose Markdown references it.
        var crumb = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mM40eVHEmIY1TCqYfhqAACiY6AQyLjY2AAAAABJRU5ErkJggg==");
        var photo = Must(await sp.GetRequiredService<UploadAttachment>().HandleAsync(
            new UploadRequest("sourdough", "crumb-shot.png", "image/png", crumb.Length, () => new MemoryStream(crumb)), ids["ken"]));
        Must(await createTopic.HandleAsync("sourdough", new CreateTopicRequest(null, "Crumb shot of Sunday's loaf",
            $"Open and glossy at last.\n\n{photo.Markdown}"), ids["ken"]));
        await Conversation("sre", null, "margaret", "What does your on-call handover look like?",
            "We do a 15-minute call with a written summary. Curious what works for larger rotations.");

        // Questions (sre/questions, added above): a solved question whose voted-up answer is accepted, and an open one.
        var voteAnswer = sp.GetRequiredService<Hearth.Features.Questions.VoteOnAnswer>();
        var leak = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("questions",
            "How do you alert on a slow memory leak without paging at 3 am?",
            "RSS grows about 2% a day until the OOM killer steps in. Our threshold alert fires at night, every night."), ids["barbara"]));
        var trend = Must(await reply.HandleAsync(leak.Id, new ReplyRequest(
            "Alert on the **trend**, not the level: `predict_linear` over 24 h, routed to a ticket in working hours."), ids["radia"]));
        var restart = Must(await reply.HandleAsync(leak.Id, new ReplyRequest("We restart nightly and file a bug. Not proud of it."), ids["margaret"]));
        Must(await voteAnswer.HandleAsync(trend.Id, new Hearth.Features.Questions.AnswerVoteRequest(1), ids["barbara"]));
        Must(await voteAnswer.HandleAsync(trend.Id, new Hearth.Features.Questions.AnswerVoteRequest(1), ids["margaret"]));
        Must(await voteAnswer.HandleAsync(restart.Id, new Hearth.Features.Questions.AnswerVoteRequest(1), ids["barbara"]));
        Must(await sp.GetRequiredService<Hearth.Features.Questions.AcceptAnswer>().HandleAsync(
            leak.Id, Hearth.Features.Questions.AcceptRequest.Accept(trend.Id), ids["barbara"]));
        Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("questions", "Is anyone running chaos experiments in production?",
            "We run game days in staging only. What convinced your leadership to go further?"), ids["radia"]));

        // Ideas (sre/ideas): two ideas with votes; the popular one is moved along by the steward, with notes.
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Ideas", "ideas", "Ideas", "What this community should do next."), ids["margaret"]));
        var voteIdea = sp.GetRequiredService<Hearth.Features.Ideas.VoteForIdea>();
        var changeStatus = sp.GetRequiredService<Hearth.Features.Ideas.ChangeIdeaStatus>();
        var template = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("ideas", "A shared postmortem template",
            "One blameless template we all start from: timeline, contributing factors, what helped, follow-ups."), ids["radia"]));
        var review = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("ideas", "A monthly incident review call",
            "Thirty minutes, one incident, told by the people who were there."), ids["barbara"]));
        foreach (var voter in new[] { "margaret", "barbara", "radia" })
            Must(await voteIdea.HandleAsync(template.Id, new Hearth.Features.Ideas.IdeaVoteRequest(1), ids[voter]));
        Must(await voteIdea.HandleAsync(review.Id, new Hearth.Features.Ideas.IdeaVoteRequest(1), ids["radia"]));
        Must(await changeStatus.HandleAsync(template.Id, new Hearth.Features.Ideas.ChangeStatusRequest("UnderReview",
            "Collecting the templates we already use; please link yours in a reply."), ids["margaret"]));
        Must(await changeStatus.HandleAsync(template.Id, new Hearth.Features.Ideas.ChangeStatusRequest("Planned",
            "Radia drafts it from the three best; we publish it in the **Articles** space next month."), ids["margaret"]));

        // Articles: a wiki of runbooks with a second revision, a postmortems space edited by authors and moderators,
        // and the solved question above written up as a runbook.
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Runbooks", "runbooks", "Articles", "How we do things, kept current by everyone."), ids["margaret"]));
        var runbook = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("runbooks", "Restarting the ingest pipeline safely",
            "1. Pause the consumers.\n2. Drain the queue.\n3. Restart the workers one at a time.\n", ["runbook", "ingest"]), ids["margaret"]));
        Must(await sp.GetRequiredService<Hearth.Features.Articles.EditArticle>().HandleAsync(runbook.Id, new Hearth.Features.Articles.EditArticleRequest(null,
            "1. Pause the consumers.\n2. Drain the queue: wait until the lag dashboard reads zero.\n3. Restart the workers one at a time.\n4. Resume the consumers.\n",
            "Say when the queue is drained; resume at the end", 1), ids["radia"]));
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Postmortems", "postmortems", "Articles", "Reviewed write-ups of our incidents."), ids["margaret"]));
        Must(await sp.GetRequiredService<Hearth.Features.Articles.SetEditPolicy>().HandleAsync("sre", "postmortems", new Hearth.Features.Articles.SpaceSettingsRequest("Authors"), ids["margaret"]));
        Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("postmortems", "March DNS outage",
            "## What happened\nA resolver change went out to every region at once.\n\n## What we changed\nResolver changes now roll out one region at a time.", ["dns", "postmortem"]), ids["barbara"]));
        var written = Must(await sp.GetRequiredService<Hearth.Features.Articles.MakeArticle>().HandleAsync(leak.Id, new Hearth.Features.Articles.MakeArticleRequest("runbooks"), ids["margaret"]));
        Must(await sp.GetRequiredService<Hearth.Features.Articles.PublishArticle>().HandleAsync(written.Id, ids["margaret"]));

        await Community("barbara", new CreateCommunityRequest("Open Source Maintainers", "maintainers", "Practice", "Open source maintenance",
            "Maintainers comparing notes on triage, funding, governance and not burning out.",
            "Sustainability matters as much as code.", "1. Discuss ideas, not people.\n2. Keep private reports private.", "Restricted", "Open"),
            ["alan", "linus", "radia"]);
        await Conversation("maintainers", null, "barbara", "How do you say no to a feature request kindly?",
            "I have a template but it still feels cold. What wording do you use?",
            ("radia", "I thank them, explain the maintenance cost, and point to the plugin API."),
            ("alan", "Same, plus a link to our roadmap so they can see what we *are* doing."));

        await Community("alan", new CreateCommunityRequest("Board Game Night", "board-games", "Interest", null,
            "A small group that meets every other Friday to play heavy euro games.",
            "Teach patiently; nobody minds a long rules explanation.", "1. Bring snacks on rotation.", "Private", "Invitation"),
            []);
        // Board Game Night is by invitation: Ada accepted hers, Ken has not answered yet.
        var invite = sp.GetRequiredService<InviteMember>();
        var forAda = Must(await invite.HandleAsync("board-games", new InviteRequest("ada", null), ids["alan"]));
        Must(await sp.GetRequiredService<AcceptInvitation>().HandleAsync(forAda.Token, new AcceptInvitationRequest(1), ids["ada"]));
        Must(await invite.HandleAsync("board-games", new InviteRequest("ken", null), ids["alan"]));
        await Conversation("board-games", null, "alan", "Next Friday: Brass Birmingham?", "Four seats. Who is in?",
            ("ada", "In! I'll bring the canal-era cheat sheet."));

        // Events: a bake day with a waiting list and a past one in Sourdough Circle (Public, so its feed is open), an online meetup in SRE.
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var rsvp = sp.GetRequiredService<RsvpToEvent>();
        string At(DateTime day, int hour, string zone) =>
            TimeZones.AtLocal(day.Date.AddHours(hour), TimeZones.Find(zone)!).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        Must(await addSpace.HandleAsync("sourdough", new AddSpaceRequest("Bake days", "bake-days", "Events", "Baking together, in person."), ids["ada"]));
        var bakeDay = Must(await createTopic.HandleAsync("sourdough", new CreateTopicRequest("bake-days", "Community bake day: rye and spelt",
            "Bring your starter; we share **two ovens**, so places are limited. Aprons provided.", [],
            new EventRequest(At(now.AddDays(10), 10, "Europe/Berlin"), At(now.AddDays(10), 15, "Europe/Berlin"), "Europe/Berlin",
                "Bäckerei am Kanal, Berlin", null, 3)), ids["ada"]));
        foreach (var (who, answer) in new[] { ("grace", "Going"), ("linus", "Going"), ("ken", "Going"), ("alan", "Going"), ("ada", "Maybe") })
            Must(await rsvp.HandleAsync(bakeDay.Id, new RsvpRequest(answer), ids[who]));
        Must(await createTopic.HandleAsync("sourdough", new CreateTopicRequest("bake-days", "Winter bake day: stollen",
            "Thanks to everyone who came!", [],
            new EventRequest(At(now.AddDays(-20), 10, "Europe/Berlin"), At(now.AddDays(-20), 14, "Europe/Berlin"), "Europe/Berlin",
                "Bäckerei am Kanal, Berlin", null, null)), ids["ken"]));
        Must(await addSpace.HandleAsync("sre", new AddSpaceRequest("Meetups", "meetups", "Events", "Talks and practice sessions."), ids["margaret"]));
        var gameDay = Must(await createTopic.HandleAsync("sre", new CreateTopicRequest("meetups", "Game day: breaking our staging cluster on purpose",
            "A two-hour chaos exercise. We will share the runbook afterwards.", [],
            new EventRequest(At(now.AddDays(5), 17, "America/New_York"), At(now.AddDays(5), 19, "America/New_York"), "America/New_York",
                null, "https://meet.example.org/sre-game-day", null)), ids["margaret"]));
        Must(await rsvp.HandleAsync(gameDay.Id, new RsvpRequest("Going"), ids["radia"]));

        return $"Seeded 4 communities and {People.Length} people. Sign in as any of {string.Join(", ", People.Select(p => p.UserName))} with password '{Password}'.";
    }

    private static T Must<T>(Result<T> result) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"Demo seed step failed: {result.Message} {string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])}");
}
