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

/// <summary>A question asked, answered, voted on and solved, in a real Chromium against a real server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuestionsFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_member_asks_votes_for_the_best_answer_and_accepts_it()
    {
        using var founder = await ScriptedMember.RegisterAsync(site, "founder");
        var slug = await founder.NewCommunityAsync("Home espresso");
        await founder.PostOkAsync($"/api/v1/communities/{slug}/spaces", new { name = "Help desk", slug = "help", kind = "Questions" }, HttpStatusCode.Created);
        using var helper = await ScriptedMember.RegisterAsync(site, "helper");
        await helper.JoinAsync(slug);

        await using var asker = await site.NewPersonAsync("asker");
        var page = asker.Page;
        await Flows.WithEndStateScreenshotAsync(asker, output, nameof(A_member_asks_votes_for_the_best_answer_and_accepts_it), async () =>
        {
            await asker.RegisterAsync();
            await Flows.JoinAsync(page, slug);

            await page.GotoAsync($"/c/{slug}/s/help");
            var ask = page.Locator("form#new-topic");
            await ask.Locator("[name=Title]").FillAsync("Why does my espresso taste sour?");
            await ask.Locator("[name=Body]").FillAsync("18 g in, 36 g out, **22 seconds**.");
            await Flows.Submit(ask).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/"));
            await Expect(page.Locator("[data-testid=question-state] [data-testid=unsolved]")).ToBeVisibleAsync();
            var topicId = long.Parse(Regex.Match(page.Url, @"/t/(\d+)/").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            var grind = await helper.ReplyAsync(topicId, "Grind finer: aim for 28–30 seconds.");
            var temperature = await helper.ReplyAsync(topicId, "Raise the brew temperature by two degrees.");
            await page.ReloadAsync();

            // The asker votes the temperature answer up: it now ranks above the earlier one.
            await page.Locator($"form#vote-up-{temperature} button").ClickAsync();
            await Expect(page.Locator($"article[data-post-id='{temperature}'] [data-testid=score]")).ToHaveTextAsync("Score 1");
            await Expect(page.Locator($"form#vote-up-{temperature} button")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.Locator("article.post").Nth(1)).ToHaveAttributeAsync("data-post-id", temperature.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Accepting the grind answer shows it first, marked, and the question solved.
            await page.Locator($"form#accept-{grind} button").ClickAsync();
            await Expect(page.Locator("article.post").Nth(1)).ToHaveAttributeAsync("data-post-id", grind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator($"article[data-post-id='{grind}'] [data-testid=accepted-answer]")).ToHaveTextAsync(new Regex("Accepted answer"));
            await Expect(page.Locator("[data-testid=question-state] [data-testid=solved]")).ToBeVisibleAsync();
            output.WriteLine($"Solved question: {await asker.ScreenshotAsync(nameof(A_member_asks_votes_for_the_best_answer_and_accepts_it) + ".question")}");

            await page.GotoAsync($"/c/{slug}/s/help");
            await page.GetByRole(AriaRole.Link, new() { Name = "Solved", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("filter=solved"));
            await Expect(page.Locator("ul.topics > li")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=share-solved]")).ToContainTextAsync("100%");
        });
    }
}

/// <summary>What the Questions and Ideas flows share: joining through the page, submitting, the end-state picture.</summary>
internal static class Flows
{
    public static ILocator Submit(ILocator form) => form.Locator("button:not([type]), button[type=submit], input[type=submit]");

    /// <summary>Joins an open community the way a person does: the community's Join link, the rules box, the button.</summary>
    public static async Task JoinAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/c/{slug}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\s*Join\b") }).First.ClickAsync();
        var join = page.Locator("form#join");
        var boxes = join.Locator("input[type=checkbox]");
        var accept = await boxes.CountAsync() == 1 ? boxes : join.Locator("input[type=checkbox][name*=ccept]");
        await accept.CheckAsync();
        await Submit(join).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/join$"));
    }

    public static async Task WithEndStateScreenshotAsync(Person person, ITestOutputHelper output, string name, Func<Task> flow)
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

/// <summary>Someone arranged through the JSON API with a bearer token, for what a flow only needs to exist.</summary>
internal sealed class ScriptedMember(HttpClient http, string userName) : IDisposable
{
    public string UserName { get; } = userName;

    public static async Task<ScriptedMember> RegisterAsync(HearthSite site, string prefix)
    {
        var userName = Names.Unique(prefix);
        using var anonymous = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        await ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/users",
            new { userName, email = $"{userName}@example.test", password = Person.Password }), HttpStatusCode.Created);
        var issued = await ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/tokens",
            new { userNameOrEmail = userName, password = Person.Password, name = "browser tests" }), HttpStatusCode.Created);
        var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        return new ScriptedMember(http, userName);
    }

    public async Task<string> NewCommunityAsync(string name)
    {
        var slug = Names.Unique("c");
        await PostOkAsync("/api/v1/communities", new
        {
            name,
            slug,
            kind = "Interest",
            purpose = $"People who enjoy {name.ToLowerInvariant()}.",
            rules = "1. Be kind.",
            visibility = "Public",
            joinPolicy = "Open",
        }, HttpStatusCode.Created);
        return slug;
    }

    public async Task JoinAsync(string slug)
    {
        var community = await ExpectAsync(await http.GetAsync($"/api/v1/communities/{slug}"), HttpStatusCode.OK);
        await PostOkAsync($"/api/v1/communities/{slug}/join", new { acceptRulesVersion = community["rulesVersion"]!.GetValue<int>() }, HttpStatusCode.OK);
    }

    public async Task<long> ReplyAsync(long topicId, string body) =>
        (await PostOkAsync($"/api/v1/topics/{topicId}/posts", new { body }, HttpStatusCode.Created))["id"]!.GetValue<long>();

    public async Task<JsonNode> PostOkAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ExpectAsync(await http.PostAsJsonAsync(url, body), expected);

    public async Task PutOkAsync(string url, object body) => await ExpectAsync(await http.PutAsJsonAsync(url, body), HttpStatusCode.OK);

    public void Dispose() => http.Dispose();

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
