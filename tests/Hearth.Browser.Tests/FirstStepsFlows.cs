using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hearth.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>What a person does in their first minutes on Hearth, in a real Chromium against a real server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstStepsFlows(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_newcomer_registers_creates_a_community_and_posts()
    {
        await using var newcomer = await site.NewPersonAsync("newcomer");
        var page = newcomer.Page;
        await WithEndStateScreenshotAsync(newcomer, nameof(A_newcomer_registers_creates_a_community_and_posts), async () =>
        {
            await newcomer.RegisterAsync();

            var slug = Names.Unique("garden");
            await page.GetByRole(AriaRole.Link, new() { Name = "New community", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/communities/new$"));
            var charter = page.Locator("form#new-community");
            await charter.Locator("#Form_Name").FillAsync("Balcony gardeners");
            await charter.Locator("#Form_Slug").FillAsync(slug);
            await charter.Locator("input[type=radio][name='Form.Kind'][value=Interest]").CheckAsync();
            await charter.Locator("#Form_Purpose").FillAsync("To grow **tomatoes** on small balconies.");
            await charter.Locator("#Form_Rules").FillAsync("1. Share what worked and what did not.");
            await charter.Locator("#Form_Visibility").SelectOptionAsync("Public");
            await charter.Locator("#Form_JoinPolicy").SelectOptionAsync("Open");
            await Submit(charter).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}$"));
            await Expect(page.Locator("[data-testid=purpose]")).ToContainTextAsync("To grow tomatoes on small balconies.");
            await Expect(page.Locator("[data-testid=purpose] strong")).ToHaveTextAsync("tomatoes");

            await page.GotoAsync($"/c/{slug}/s/general");
            var topic = page.Locator("form#new-topic");
            await topic.Locator("[name=Title]").FillAsync("Which tomato variety suits a windy balcony?");
            await topic.Locator("[name=Body]").FillAsync("Mine faces west and gets **strong gusts** every afternoon.");
            await topic.Locator("[name=Tags]").FillAsync("tomatoes");
            await Submit(topic).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/[^/?#]+"));
            await Expect(page.Locator("main")).ToContainTextAsync("Which tomato variety suits a windy balcony?");
            // The body is Markdown, shown rendered.
            await Expect(page.Locator("main strong", new() { HasText = "strong gusts" }).First).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_second_person_joins_and_replies()
    {
        using var founder = await SiteApi.RegisterAsync(site, "founder");
        var slug = await founder.NewCommunityAsync("Sourdough bakers");
        const string title = "How warm should the proof be?";
        var topicId = await founder.NewTopicAsync(slug, title, "I proof at **24 °C** for six hours.");

        await using var joiner = await site.NewPersonAsync("joiner");
        var page = joiner.Page;
        await WithEndStateScreenshotAsync(joiner, nameof(A_second_person_joins_and_replies), async () =>
        {
            await joiner.RegisterAsync();

            await page.GotoAsync($"/c/{slug}");
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\s*Join\b") }).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}/join$"));
            var join = page.Locator("form#join");
            var boxes = join.Locator("input[type=checkbox]");
            await Expect(boxes.First).ToBeVisibleAsync();
            // The one box to tick is accepting the rules; should the form grow more boxes, pick that one by name.
            var accept = await boxes.CountAsync() == 1 ? boxes : join.Locator("input[type=checkbox][name*=ccept]");
            await accept.CheckAsync();
            await Submit(join).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/join$"));

            // The sign-in cookie speaks for the person on the API too: they are now an active member.
            var me = await page.APIRequest.GetAsync($"/api/v1/communities/{slug}");
            Assert.True(me.Ok, $"GET /api/v1/communities/{slug} answered {me.Status}");
            var community = JsonNode.Parse(await me.TextAsync())!;
            Assert.Equal("Active", community["viewer"]?["state"]?.GetValue<string>());

            // Find the topic the way a member does: in the space's list.
            await page.GotoAsync($"/c/{slug}/s/general");
            await page.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"/t/{topicId}/[^/?#]+"));

            const string reply = "Try 26 degrees and check it after four hours.";
            var form = page.Locator("form#reply");
            await form.Locator("[name=Body]").FillAsync($"_{reply}_");
            await Submit(form).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($@"/t/{topicId}/"));
            await Expect(page.Locator("main em", new() { HasText = reply })).ToHaveCountAsync(1);
            await Expect(page.Locator("main")).ToContainTextAsync(joiner.UserName);
        });
    }

    /// <summary>A form's submit button (a button without a type submits too).</summary>
    private static ILocator Submit(ILocator form) =>
        form.Locator("button:not([type]), button[type=submit], input[type=submit]");

    /// <summary>Every flow leaves a picture of where it ended, passed or failed, to look at after the run.</summary>
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
