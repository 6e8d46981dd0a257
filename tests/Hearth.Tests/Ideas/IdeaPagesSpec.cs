using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Ideas;

public abstract class IdeaPagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string slug, string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        await member.JoinAsync(slug);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private static IHtmlDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    [Fact]
    public async Task A_member_votes_for_an_idea_from_its_page_and_takes_the_vote_back_without_javascript()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        var idea = await steward.ProposeAsync(slug, "Weekly digest e-mails");
        var url = idea["url"]!.GetValue<string>();
        var (_, browser) = await SignedInAsync(slug, "fan");

        var page = await browser.PageAsync(url);
        Assert.Equal("New", page.QuerySelector("[data-testid=idea] [data-testid=idea-status]")!.TextContent.Trim());
        Assert.Equal("0 votes", page.QuerySelector("[data-testid=votes]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=status-history-empty]"));
        Assert.Null(page.QuerySelector("form#idea-status"));

        var voted = await browser.SubmitAsync(url, "form#idea-vote", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Equal(url, voted.Headers.Location!.OriginalString);
        page = await browser.PageAsync(url);
        Assert.Equal("1 vote", page.QuerySelector("[data-testid=votes]")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("form#idea-vote button")!.GetAttribute("aria-pressed"));

        await browser.SubmitAsync(url, "form#idea-vote", new Dictionary<string, string>());
        page = await browser.PageAsync(url);
        Assert.Equal("0 votes", page.QuerySelector("[data-testid=votes]")!.TextContent.Trim());
        Assert.Equal("false", page.QuerySelector("form#idea-vote button")!.GetAttribute("aria-pressed"));

        // Someone signed out sees the idea, not the buttons.
        var anonymous = await Browser.Open(app).PageAsync(url);
        Assert.NotNull(anonymous.QuerySelector("[data-testid=idea-status]"));
        Assert.Null(anonymous.QuerySelector("form#idea-vote"));
    }

    [Fact]
    public async Task A_moderator_changes_the_status_from_the_idea_page_and_a_missing_note_is_shown_beside_the_field()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        var (author, _) = await SignedInAsync(slug, "author");
        var idea = await author.ProposeAsync(slug, "Offline reading");
        var url = idea["url"]!.GetValue<string>();
        var (moderator, browser) = await SignedInAsync(slug, "moderator");
        await steward.MakeModeratorAsync(slug, moderator);

        var missing = await browser.SubmitAsync(url, "form#idea-status", new Dictionary<string, string> { ["Status"] = "Planned", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var form = Parse(await missing.Content.ReadAsStringAsync());
        Assert.NotEmpty(form.QuerySelectorAll("form#idea-status .field-error"));
        Assert.Equal("Planned", ((IHtmlSelectElement)form.QuerySelector("form#idea-status select[name=Status]")!).Value);
        Assert.Equal(0L, (await app.IdeaFootprintAsync(idea.Id())).Changes);

        var bogus = await browser.SubmitAsync(url, "form#idea-status", new Dictionary<string, string> { ["Status"] = "Shipped", ["Note"] = "Yes." });
        Assert.NotEmpty(Parse(await bogus.Content.ReadAsStringAsync()).QuerySelectorAll("form#idea-status .field-error"));

        var changed = await browser.SubmitAsync(url, "form#idea-status", new Dictionary<string, string> { ["Status"] = "UnderReview", ["Note"] = "We are *discussing* it." });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(url, changed.Headers.Location!.OriginalString);
        var page = await browser.PageAsync(url);
        Assert.Equal("Under review", page.QuerySelector("[data-testid=idea] [data-testid=idea-status]")!.TextContent.Trim());
        Assert.Equal("UnderReview", page.QuerySelector("[data-testid=idea] [data-testid=idea-status]")!.GetAttribute("data-status"));
        var entry = Assert.Single(page.QuerySelectorAll("[data-testid=status-history] li"));
        Assert.Contains("New → Under review", entry.TextContent);
        Assert.Equal("discussing", entry.QuerySelector("em")!.TextContent);
        Assert.Contains(moderator.UserName, entry.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("1 person notified", page.QuerySelector(".flash")!.TextContent);
        Assert.Single(await author.NotificationsAsync());
    }

    [Fact]
    public async Task Ordinary_members_see_no_status_form_and_a_forged_one_is_refused()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        var idea = await steward.ProposeAsync(slug);
        var (_, browser) = await SignedInAsync(slug, "member");

        var page = await browser.PageAsync(idea["url"]!.GetValue<string>());
        Assert.Null(page.QuerySelector("form#idea-status"));
        var direct = await browser.GetAsync($"/ideas/topics/{idea.Id()}/status");
        Assert.Equal(HttpStatusCode.Forbidden, direct.Response.StatusCode);
        Assert.Null(direct.Page.QuerySelector("form#idea-status"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await browser.Http.PostAsync($"/ideas/topics/{idea.Id()}/status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Status"] = "Done",
            ["Note"] = "Shipped by me.",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("New", (await app.IdeaFootprintAsync(idea.Id())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ideas/topics/{(await steward.NewTopicAsync(slug)).Id()}/status")).Response.StatusCode);
    }

    [Fact]
    public async Task The_ideas_space_page_sorts_and_filters_by_status()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        var fan = await app.NewMemberAsync();
        await fan.JoinAsync(slug);
        var older = (await steward.ProposeAsync(slug, "Older but loved")).Id();
        var newer = (await steward.ProposeAsync(slug, "Newer and quiet")).Id();
        await fan.VoteForOkAsync(older);
        await steward.ChangeStatusOkAsync(older, "InProgress");
        var browser = Browser.Open(app);
        string[] Ids(IHtmlDocument page) => [.. page.QuerySelectorAll("ul.topics > li").Select(li => li.GetAttribute("data-topic-id")!)];

        var top = await browser.PageAsync($"/c/{slug}/s/{IdeaSteps.Space}?sort=votes");
        Assert.Equal([older.ToString(), newer.ToString()], Ids(top));
        Assert.Equal("page", top.QuerySelector("[data-testid=idea-sorts] a[href$='sort=votes']")!.GetAttribute("aria-current"));
        var first = top.QuerySelector("ul.topics > li")!;
        Assert.Equal("1 vote", first.QuerySelector("[data-testid=votes]")!.TextContent.Trim());
        Assert.Equal("In progress", first.QuerySelector("[data-testid=idea-status]")!.TextContent.Trim());

        Assert.Equal([newer.ToString(), older.ToString()], Ids(await browser.PageAsync($"/c/{slug}/s/{IdeaSteps.Space}?sort=newest")));
        var inProgress = await browser.PageAsync($"/c/{slug}/s/{IdeaSteps.Space}?sort=votes&status=InProgress");
        Assert.Equal([older.ToString()], Ids(inProgress));
        Assert.NotNull(inProgress.QuerySelector("[data-testid=idea-statuses] a[href$='sort=votes&status=New']"));
        Assert.Equal(7, inProgress.QuerySelectorAll("[data-testid=idea-statuses] a").Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/c/{slug}/s/{IdeaSteps.Space}?status=Nope")).Response.StatusCode);
        Assert.Null((await browser.PageAsync($"/c/{slug}/s/general")).QuerySelector("[data-testid=idea-sorts]"));
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class IdeaPagesOnSqlite(SqliteApp app) : IdeaPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class IdeaPagesOnPostgres(PostgresApp app) : IdeaPagesSpec(app);
