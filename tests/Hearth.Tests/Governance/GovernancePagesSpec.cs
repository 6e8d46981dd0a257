using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Governance;

public abstract class GovernancePagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string? slug, string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        if (slug is not null) await member.JoinAsync(slug);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private async Task<(Member Steward, Browser Browser, string Slug)> StewardAsync()
    {
        var (steward, browser) = await SignedInAsync(null, "steward");
        return (steward, browser, await steward.NewCommunityAsync());
    }

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"Nothing matches {selector}.");

    [Fact]
    public async Task A_steward_proposes_from_the_form_members_vote_on_its_page_and_the_community_shows_the_result()
    {
        var (steward, browser, slug) = await StewardAsync();
        var (voter, voterBrowser) = await SignedInAsync(slug, "voter");
        await SignedInAsync(slug, "bystander");

        var community = await browser.PageAsync($"/c/{slug}");
        Assert.Equal($"/c/{slug}/proposals", community.QuerySelector("[data-testid=proposals-link]")!.GetAttribute("href"));
        var list = await browser.PageAsync($"/c/{slug}/proposals");
        Assert.NotNull(list.QuerySelector("[data-testid=no-proposals]"));
        Assert.Contains("more than 50 % of votes must be Yes", Text(list, "[data-testid=governance-rules]"));

        var form = await browser.PageAsync($"/c/{slug}/proposals/new");
        Assert.Equal("To share what we **know**.", form.QuerySelector("textarea#Form_Purpose")!.TextContent.Trim());
        // A textarea comes back with CRLF line endings; untouched fields are not part of the proposal.
        var created = await browser.SubmitAsync($"/c/{slug}/proposals/new", "form#new-proposal", new Dictionary<string, string>
        {
            ["Form.Title"] = "Learn together",
            ["Form.Purpose"] = "To share what we **know**.\r\nAnd to learn together.",
            ["Form.Rules"] = "1. Be kind.\r\n",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.StartsWith($"/c/{slug}/proposals/", url);

        var page = await voterBrowser.PageAsync(url);
        Assert.Equal("Voting", Text(page, "[data-testid=proposal-state]"));
        Assert.Equal("And to learn together.", Text(page, "[data-testid=change-purpose] tr[data-kind=Added] ins"));
        Assert.Null(page.QuerySelector("[data-testid=change-purpose] tr[data-kind=Removed]"));
        Assert.Null(page.QuerySelector("[data-testid=change-rules]"));
        Assert.Null(page.QuerySelector("[data-testid=change-visibility]"));
        var discussion = page.QuerySelector("[data-testid=discussion-link]")!.GetAttribute("href")!;
        Assert.Contains("Proposal: Learn together", (await voterBrowser.PageAsync(discussion)).Title);
        Assert.Equal("1", Text(page, "[data-testid=quorum-needed]").Split(' ')[0]);

        var voted = await voterBrowser.SubmitAsync(url, "form#proposal-vote", new Dictionary<string, string> { ["vote"] = "Yes" });
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        page = await voterBrowser.PageAsync(url);
        Assert.Equal(("1", "0", "You voted Yes."), (Text(page, "[data-testid=yes]"), Text(page, "[data-testid=no]"), Text(page, "[data-testid=my-vote]")));
        Assert.Null(page.QuerySelector("form#proposal-vote"));
        // Someone signed out reads it, without the buttons.
        var anonymous = await Browser.Open(app).PageAsync(url);
        Assert.Null(anonymous.QuerySelector("form#proposal-vote"));
        Assert.Equal("1", Text(anonymous, "[data-testid=yes]"));

        await app.EndVotingAsync(long.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        page = await voterBrowser.PageAsync(url);
        Assert.Equal("Passed", Text(page, "[data-testid=proposal-state]"));
        Assert.Equal("charter version 2", Text(page, "[data-testid=applied-version]"));
        community = await voterBrowser.PageAsync($"/c/{slug}");
        Assert.Contains("And to learn together.", Text(community, "[data-testid=purpose]"));
        var versions = await voterBrowser.PageAsync($"/c/{slug}/versions");
        Assert.Equal(url, versions.QuerySelector("#v2 [data-testid=version-proposal] a")!.GetAttribute("href"));
        list = await voterBrowser.PageAsync($"/c/{slug}/proposals");
        Assert.Equal("Passed", Text(list, "[data-testid=proposals] [data-testid=proposal-state]"));
    }

    [Fact]
    public async Task A_form_with_nothing_changed_or_a_bad_title_is_shown_again_with_the_reason()
    {
        var (_, browser, slug) = await StewardAsync();
        var response = await browser.SubmitAsync($"/c/{slug}/proposals/new", "form#new-proposal", new Dictionary<string, string> { ["Form.Title"] = "x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll(".field-error").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("at least one of purpose", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Title must be at least", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("form#new-proposal input[name=__RequestVerificationToken]"));
        Assert.Empty((await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/proposals"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_member_proposes_and_other_members_support_it_from_its_page_until_it_opens()
    {
        var (steward, _, slug) = await StewardAsync();
        await steward.SetGovernanceAsync(slug, new { supportNeeded = 1 });
        var (_, proposerBrowser) = await SignedInAsync(slug, "proposer");
        var (_, supporterBrowser) = await SignedInAsync(slug, "supporter");
        var created = await proposerBrowser.SubmitAsync($"/c/{slug}/proposals/new", "form#new-proposal", new Dictionary<string, string>
        {
            ["Form.Title"] = "Ask before joining",
            ["Form.JoinPolicy"] = "Approval",
        });
        var url = created.Headers.Location!.OriginalString;
        var page = await proposerBrowser.PageAsync(url);
        Assert.Equal("Gathering support", Text(page, "[data-testid=proposal-state]"));
        Assert.Equal("Joining: Open → Approval", Text(page, "[data-testid=change-join-policy]"));
        Assert.Null(page.QuerySelector("form#proposal-support"));
        Assert.NotNull(page.QuerySelector("form#proposal-withdraw"));

        page = await supporterBrowser.PageAsync(url);
        Assert.Equal("0 of 1 supporter", Text(page, "[data-testid=support-count]"));
        Assert.Null(page.QuerySelector("form#proposal-vote"));
        Assert.Equal(HttpStatusCode.Redirect, (await supporterBrowser.SubmitAsync(url, "form#proposal-support", new Dictionary<string, string>())).StatusCode);
        page = await supporterBrowser.PageAsync(url);
        Assert.Equal("Voting", Text(page, "[data-testid=proposal-state]"));
        Assert.NotNull(page.QuerySelector("form#proposal-vote"));
        Assert.NotNull(page.QuerySelector("[data-testid=ends-at]"));
    }

    [Fact]
    public async Task Stewards_change_the_settings_on_the_governance_page_and_a_bad_value_is_shown_beside_its_field()
    {
        var (steward, browser, slug) = await StewardAsync();
        var (_, memberBrowser) = await SignedInAsync(slug, "member");
        await memberBrowser.PageAsync($"/c/{slug}/governance", HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/c/{slug}/governance", HttpStatusCode.Redirect);

        var page = await browser.PageAsync($"/c/{slug}/governance");
        Assert.Equal("7", page.QuerySelector("input#Form_VotingDays")!.GetAttribute("value"));
        var refused = await browser.SubmitAsync($"/c/{slug}/governance", "form#governance-settings", new Dictionary<string, string> { ["Form.VotingDays"] = "0" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("1–60 days", shown.QuerySelector("input#Form_VotingDays")!.ParentElement!.QuerySelector(".field-error")!.TextContent);
        Assert.Equal(7, (await steward.GetJsonAsync($"/api/v1/communities/{slug}/governance"))["votingDays"]!.GetValue<int>());

        var saved = await browser.SubmitAsync($"/c/{slug}/governance", "form#governance-settings", new Dictionary<string, string>
        {
            ["Form.VotingDays"] = "10",
            ["Form.ThresholdPercent"] = "66",
            ["Form.StewardConfirmation"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await steward.GetJsonAsync($"/api/v1/communities/{slug}/governance");
        Assert.Equal((10, 20, 66, true), (settings["votingDays"]!.GetValue<int>(), settings["quorumPercent"]!.GetValue<int>(),
            settings["thresholdPercent"]!.GetValue<int>(), settings["stewardConfirmation"]!.GetValue<bool>()));
        page = await browser.PageAsync($"/c/{slug}/governance");
        Assert.True(page.QuerySelector("input[name='Form.StewardConfirmation']")!.HasAttribute("checked"));
        // Saved again as shown, the ticked box keeps confirmation on.
        await browser.SubmitAsync($"/c/{slug}/governance", "form#governance-settings", new Dictionary<string, string>());
        Assert.True((await steward.GetJsonAsync($"/api/v1/communities/{slug}/governance"))["stewardConfirmation"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_second_steward_confirms_a_pending_change_on_the_governance_page()
    {
        var (first, firstBrowser, slug) = await StewardAsync();
        var (second, secondBrowser) = await SignedInAsync(slug, "second");
        await (await first.PutAsync($"/api/v1/communities/{slug}/members/{second.UserName}/role", new { role = "Steward" })).ShouldBe(HttpStatusCode.OK);
        await first.SetGovernanceAsync(slug, new { stewardConfirmation = true });
        var (candidate, _) = await SignedInAsync(slug, "candidate");

        // Asked from the members page, as before; the flash says it waits.
        var asked = await firstBrowser.SubmitAsync($"/c/{slug}/members", $"form.role-form[data-user='{candidate.UserName}']", new Dictionary<string, string> { ["Role"] = "Steward" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("second steward", (await firstBrowser.PageAsync($"/c/{slug}/members")).Body!.TextContent);

        var mine = await firstBrowser.PageAsync($"/c/{slug}/governance");
        Assert.NotNull(mine.QuerySelector($"[data-testid=steward-changes] tr[data-user='{candidate.UserName}']"));
        Assert.Null(mine.QuerySelector("form.confirm-change"));
        Assert.NotNull(mine.QuerySelector("[data-testid=awaiting-other]"));

        var theirs = await secondBrowser.PageAsync($"/c/{slug}/governance");
        Assert.NotNull(theirs.QuerySelector("form.confirm-change"));
        var confirmed = await secondBrowser.SubmitAsync($"/c/{slug}/governance", "form.confirm-change", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotNull((await secondBrowser.PageAsync($"/c/{slug}/governance")).QuerySelector("[data-testid=no-steward-changes]"));
        Assert.Contains(candidate.UserName, (await first.GetJsonAsync($"/api/v1/communities/{slug}"))["stewards"]!.Strings());
    }

    [Fact]
    public async Task Outsiders_find_no_proposal_pages_of_a_private_community()
    {
        var (steward, browser, slug) = await StewardAsync();
        var (_, memberBrowser) = await SignedInAsync(slug, "insider");
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { visibility = "Private" })).ShouldBe(HttpStatusCode.OK);
        var created = await (await steward.PostAsync($"/api/v1/communities/{slug}/proposals", new { title = "Secret plans", change = new { purpose = "Secret." } }))
            .ShouldBe(HttpStatusCode.Created);
        var url = created["url"]!.GetValue<string>();
        Assert.Equal("Secret plans", (await memberBrowser.PageAsync(url)).QuerySelector("h1")!.TextContent.Trim());

        var (_, outsiderBrowser) = await SignedInAsync(null, "outsider");
        foreach (var b in new[] { outsiderBrowser, Browser.Open(app) })
        {
            await b.PageAsync(url, HttpStatusCode.NotFound);
            await b.PageAsync($"/c/{slug}/proposals", HttpStatusCode.NotFound);
        }
        await outsiderBrowser.PageAsync($"/c/{slug}/proposals/new", HttpStatusCode.NotFound);
        // The proposal's page answers only at its own community's address.
        var other = await steward.NewCommunityAsync();
        await browser.PageAsync($"/c/{other}/proposals/{created["id"]!.GetValue<long>()}", HttpStatusCode.NotFound);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class GovernancePagesOnSqlite(SqliteApp app) : GovernancePagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class GovernancePagesOnPostgres(PostgresApp app) : GovernancePagesSpec(app);
