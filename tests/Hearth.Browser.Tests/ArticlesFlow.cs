using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hearth.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>A knowledge base at work: one member writes an article, another improves it, and the history shows who changed what.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ArticlesFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_member_writes_an_article_another_edits_it_and_the_history_shows_the_change()
    {
        var slug = await KnowledgeCommunityAsync();
        await using var author = await site.NewPersonAsync("author");
        await using var editor = await site.NewPersonAsync("editor");
        const string title = "Repotting a fiddle-leaf fig";

        await WithEndStateScreenshotAsync(editor, nameof(A_member_writes_an_article_another_edits_it_and_the_history_shows_the_change), async () =>
        {
            await author.RegisterAsync();
            await JoinAsync(author, slug);
            var page = author.Page;
            await page.GotoAsync($"/c/{slug}/s/kb");
            await Expect(page.Locator("[data-testid=edit-policy]")).ToContainTextAsync("every member may edit");
            var form = page.Locator("form#new-topic");
            await form.Locator("[name=Title]").FillAsync(title);
            await form.Locator("[name=Body]").FillAsync("Water the day before.\nUse a pot **one size** up.\nPress the soil gently.");
            await form.Locator("[name=Tags]").FillAsync("plants");
            await Submit(form).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/repotting-a-fiddle-leaf-fig$"));
            await Expect(page.Locator("[data-testid=revision]")).ToHaveTextAsync("Revision 1");
            var articleUrl = new Uri(page.Url).AbsolutePath;

            await editor.RegisterAsync();
            await JoinAsync(editor, slug);
            var ed = editor.Page;
            await ed.GotoAsync(articleUrl);
            await ed.Locator("a[data-testid=edit-article]").ClickAsync();
            await Expect(ed).ToHaveURLAsync(new Regex(@"/t/\d+/article/edit$"));
            var edit = ed.Locator("form#edit-article");
            await Expect(edit.Locator("[name=Body]")).ToHaveValueAsync(new Regex("Use a pot"));
            await edit.Locator("[name=Body]").FillAsync("Water the day before.\nUse a pot one size up, with a drainage hole.\nPress the soil gently.\nKeep it out of direct sun for a week.");
            await edit.Locator("[name=Summary]").FillAsync("Drainage and aftercare");
            await Submit(edit).ClickAsync();

            await Expect(ed).ToHaveURLAsync(new Regex(@"/t/\d+/repotting-a-fiddle-leaf-fig$"));
            await Expect(ed.Locator("main")).ToContainTextAsync("Keep it out of direct sun for a week.");
            await Expect(ed.Locator("[data-testid=revision]")).ToHaveTextAsync("Revision 2");
            var history = ed.Locator("[data-testid=history] li");
            await Expect(history).ToHaveCountAsync(2);
            await Expect(history.First).ToContainTextAsync("Drainage and aftercare");
            await Expect(ed.Locator("[data-testid=contributors] li")).ToHaveCountAsync(2);

            await history.First.GetByRole(AriaRole.Link, new() { Name = "changes" }).ClickAsync();
            await Expect(ed).ToHaveURLAsync(new Regex(@"/t/\d+/article/diff\?from=1&to=2$"));
            await Expect(ed.Locator("tr[data-kind=Removed] del")).ToHaveTextAsync(["Use a pot **one size** up."]);
            await Expect(ed.Locator("tr[data-kind=Added] ins")).ToHaveTextAsync(["Use a pot one size up, with a drainage hole.", "Keep it out of direct sun for a week."]);
            await Expect(ed.Locator("[data-testid=diff-stats]")).ToContainTextAsync("2 lines added, 1 removed");

            // The full history page lists both revisions too.
            await ed.GetByRole(AriaRole.Link, new() { Name = "Back to the history" }).ClickAsync();
            await Expect(ed.Locator("[data-testid=revisions] tbody tr")).ToHaveCountAsync(2);
        });
    }

    /// <summary>Joins from the community's join page, accepting its rules, as a person does.</summary>
    private static async Task JoinAsync(Person person, string slug)
    {
        var page = person.Page;
        await page.GotoAsync($"/c/{slug}/join");
        var join = page.Locator("form#join");
        var boxes = join.Locator("input[type=checkbox]");
        var accept = await boxes.CountAsync() == 1 ? boxes : join.Locator("input[type=checkbox][name*=ccept]");
        await accept.CheckAsync();
        await Submit(join).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/join$"));
    }

    /// <summary>An open, public community with an Articles space 'kb', made by a founder through the API.</summary>
    private async Task<string> KnowledgeCommunityAsync()
    {
        var founder = Names.Unique("founder");
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        await ExpectAsync(await http.PostAsJsonAsync("/api/v1/users", new { userName = founder, email = $"{founder}@example.test", password = Person.Password }), HttpStatusCode.Created);
        var token = (await ExpectAsync(await http.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = founder, password = Person.Password, name = "flow" }), HttpStatusCode.Created))["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var slug = Names.Unique("plants");
        await ExpectAsync(await http.PostAsJsonAsync("/api/v1/communities", new
        {
            name = "Houseplant keepers",
            slug,
            kind = "Interest",
            purpose = "Keeping houseplants alive, together.",
            rules = "1. Be kind.",
            visibility = "Public",
            joinPolicy = "Open",
        }), HttpStatusCode.Created);
        await ExpectAsync(await http.PostAsJsonAsync($"/api/v1/communities/{slug}/spaces", new { name = "Care guides", slug = "kb", kind = "Articles" }), HttpStatusCode.Created);
        return slug;
    }

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} from {response.RequestMessage?.RequestUri} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static ILocator Submit(ILocator form) =>
        form.Locator("button:not([type]), button[type=submit], input[type=submit]");

    private async Task WithEndStateScreenshotAsync(Person person, string name, Func<Task> flow)
    {
        try
        {
            await flow();
            output.WriteLine($"End state: {await person.ScreenshotAsync(name)}");
        }
        catch
        {
            output.WriteLine($"Failed at {person.Page.Url}; screenshot: {await person.ScreenshotAsync(name + ".failed")}");
            throw;
        }
    }
}
