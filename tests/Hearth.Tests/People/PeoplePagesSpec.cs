using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.People;

public abstract class PeoplePagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    [Fact]
    public async Task The_profile_page_shows_the_bio_skills_links_and_only_the_activity_the_viewer_may_read()
    {
        var steward = await app.NewMemberAsync();
        var open = await steward.NewCommunityAsync();
        var hidden = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var author = await app.NewMemberAsync("author");
        await author.JoinAsync(open);
        await steward.InviteInAsync(hidden, author);
        await author.EditProfileOkAsync(new { displayName = "Radia P.", bio = "Networks, *mostly*.", skills = new[] { "networking" }, links = new[] { "https://radia.example" } });
        var shown = await author.NewTopicIdAsync(open, "Spanning trees explained");
        await author.NewTopicIdAsync(hidden, "Secret protocol");

        var page = await Browser.Open(app).PageAsync($"/u/{author.UserName}");
        Assert.Contains("Radia P.", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("mostly", page.QuerySelector("[data-testid=bio] em")!.TextContent);
        Assert.Equal(["networking"], page.QuerySelectorAll("[data-testid=skill]").Select(s => s.TextContent.Trim()));
        Assert.Equal("https://radia.example", page.QuerySelector("[data-testid=links] a")!.GetAttribute("href"));
        var items = page.QuerySelectorAll("[data-testid=activity] li");
        Assert.Single(items);
        Assert.Contains("Spanning trees explained", items[0].TextContent);
        Assert.Equal("topic", items[0].GetAttribute("data-kind"));
        Assert.DoesNotContain("Secret protocol", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form#follow"));

        var fellow = Browser.Open(app);
        await fellow.SignInAsync(steward.UserName);
        Assert.Contains("Secret protocol", (await fellow.PageAsync($"/u/{author.UserName}")).QuerySelector("[data-testid=activity]")!.TextContent);
        Assert.Contains("Spanning", (await fellow.PageAsync($"/u/{author.UserName}?kind=topics")).QuerySelector("[data-testid=activity]")!.TextContent);
        await fellow.PageAsync($"/u/{author.UserName}?kind=nonsense", HttpStatusCode.BadRequest);
        _ = shown;
    }

    [Fact]
    public async Task A_member_follows_and_blocks_from_the_profile_page()
    {
        var other = await app.NewMemberAsync("other");
        var (_, browser) = await SignedInAsync("fan");
        var url = $"/u/{other.UserName}";

        var followed = await browser.SubmitAsync(url, "form#follow", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        var page = await browser.PageAsync(url);
        Assert.Equal("1 follower", page.QuerySelector("[data-testid=followers]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form#unfollow"));

        await browser.SubmitAsync(url, "form#block", new Dictionary<string, string>());
        page = await browser.PageAsync(url);
        Assert.Equal("0 followers", page.QuerySelector("[data-testid=followers]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form#unblock"));
        Assert.Null(page.QuerySelector("[data-testid=message]"));
        await browser.SubmitAsync(url, "form#unblock", new Dictionary<string, string>());
        Assert.NotNull((await browser.PageAsync(url)).QuerySelector("form#block"));
    }

    [Fact]
    public async Task A_member_edits_their_profile_on_the_edit_page_and_mistakes_are_shown_beside_the_fields()
    {
        var (member, browser) = await SignedInAsync();
        Assert.NotNull((await browser.PageAsync($"/u/{member.UserName}")).QuerySelector("[data-testid=edit-profile]"));

        var bad = await browser.SubmitAsync("/me/profile", "form#edit-profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ken T.",
            ["Links"] = "javascript:alert(1)",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("not an http or https address", badPage.QuerySelector("#Links ~ .field-error")!.TextContent);

        var saved = await browser.SubmitAsync("/me/profile", "form#edit-profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ken T.",
            ["Bio"] = "Unix **forever**.",
            ["Skills"] = "C, Unix shell",
            ["Links"] = "https://ken.example\nhttp://plan9.example",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/u/{member.UserName}", saved.Headers.Location!.OriginalString);
        var profile = await browser.PageAsync($"/u/{member.UserName}");
        Assert.Contains("Ken T.", profile.QuerySelector("h1")!.TextContent);
        Assert.Equal(["c", "unix-shell"], profile.QuerySelectorAll("[data-testid=skill]").Select(s => s.TextContent.Trim()));
        Assert.Equal(2, profile.QuerySelectorAll("[data-testid=links] a").Length);
        // The form shows what is saved.
        var form = await browser.PageAsync("/me/profile");
        Assert.Equal("c, unix-shell", form.QuerySelector("#Skills")!.GetAttribute("value"));

        var anonymous = await Browser.Open(app).GetAsync("/me/profile");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Response.StatusCode);
    }

    [Fact]
    public async Task The_members_page_searches_and_sorts()
    {
        var steward = await app.NewMemberAsync("host");
        var slug = await steward.NewCommunityAsync();
        var baker = await app.NewMemberAsync("baker");
        await baker.JoinAsync(slug);
        await baker.EditProfileOkAsync(new { skills = new[] { "sourdough" } });
        await baker.NewTopicIdAsync(slug);

        var browser = Browser.Open(app);
        var page = await browser.PageAsync($"/c/{slug}/members?q=sourdough");
        var rows = page.QuerySelectorAll("table[data-testid=members] tbody tr");
        Assert.Equal([baker.UserName], rows.Select(r => r.GetAttribute("data-user")));
        Assert.Equal("sourdough", rows[0].QuerySelector("[data-testid=skills]")!.TextContent.Trim());
        Assert.Equal("sourdough", page.QuerySelector("input#q")!.GetAttribute("value"));

        var active = await browser.PageAsync($"/c/{slug}/members?sort=active");
        Assert.Equal([baker.UserName, steward.UserName], active.QuerySelectorAll("table[data-testid=members] tbody tr").Select(r => r.GetAttribute("data-user")));
        Assert.Equal("active", active.QuerySelector("select#sort option[selected]")!.GetAttribute("value"));
        Assert.NotNull((await browser.PageAsync($"/c/{slug}/members?q=zzzz-nobody")).QuerySelector("[data-testid=no-members]"));
        await browser.PageAsync($"/c/{slug}/members?sort=loudest", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_experts_page_shows_each_score_with_its_parts_and_members_endorse_from_it()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewPracticeAsync();
        var expert = await app.NewMemberAsync("expert");
        await expert.JoinAsync(slug);
        await expert.EditProfileOkAsync(new { skills = new[] { "rye" } });
        var question = await steward.NewTopicAsync(slug, "Rye or wheat?", space: QuestionSteps.Space, tags: ["rye"]);
        await steward.AcceptOkAsync(question.Id(), (await expert.ReplyAsync(question.Id(), "Rye, always.")).Id());

        var browser = Browser.Open(app);
        await browser.SignInAsync(steward.UserName);
        var url = $"/c/{slug}/experts?skill=rye";
        var page = await browser.PageAsync(url);
        Assert.Contains("Score = 1", page.QuerySelector("[data-testid=formula]")!.TextContent);
        var row = page.QuerySelector($"tr[data-user='{expert.UserName}']")!;
        Assert.Equal("4", row.QuerySelector("[data-testid=score]")!.TextContent.Trim());
        Assert.Equal("yes", row.QuerySelector("[data-testid=declared]")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("[data-testid=accepted-answers]")!.TextContent.Trim());
        Assert.Equal("0", row.QuerySelector("[data-testid=endorsements]")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("[data-testid=common-skills] a"), a => a.TextContent.Trim() == "rye");

        var endorsed = await browser.SubmitAsync(url, $"form#endorse-{expert.UserName}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, endorsed.StatusCode);
        row = (await browser.PageAsync(url)).QuerySelector($"tr[data-user='{expert.UserName}']")!;
        Assert.Equal("6", row.QuerySelector("[data-testid=score]")!.TextContent.Trim());
        Assert.Equal("true", row.QuerySelector("button[aria-pressed]")!.GetAttribute("aria-pressed"));

        // Someone signed out reads the directory but has no buttons; a community of interest has no such page.
        var outsider = await Browser.Open(app).PageAsync(url);
        Assert.Empty(outsider.QuerySelectorAll("form[id^=endorse-]"));
        var interest = await steward.NewCommunityAsync();
        await Browser.Open(app).PageAsync($"/c/{interest}/experts", HttpStatusCode.NotFound);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class PeoplePagesOnSqlite(SqliteApp app) : PeoplePagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class PeoplePagesOnPostgres(PostgresApp app) : PeoplePagesSpec(app);
