using System.Text.RegularExpressions;
using Hearth.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>A steward broadcasts to the community; a member reads it, and the steward sees that it was read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnnouncementsFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_steward_announces_and_sees_a_member_has_read_it()
    {
        await using var steward = await site.NewPersonAsync("steward");
        await using var member = await site.NewPersonAsync("member");
        var slug = Names.Unique("club");
        const string title = "The clubhouse opens at nine on Saturdays";
        string topicUrl = "";

        await FlowAsync(steward, "announcements-steward-posts", async page =>
        {
            await steward.RegisterAsync();
            await page.GotoAsync("/communities/new");
            var charter = page.Locator("form#new-community");
            await charter.Locator("#Form_Name").FillAsync("Rowing club");
            await charter.Locator("#Form_Slug").FillAsync(slug);
            await charter.Locator("input[type=radio][name='Form.Kind'][value=Interest]").CheckAsync();
            await charter.Locator("#Form_Purpose").FillAsync("Rowing together on the river.");
            await charter.Locator("#Form_Rules").FillAsync("1. Be kind.");
            await charter.Locator("#Form_Visibility").SelectOptionAsync("Public");
            await charter.Locator("#Form_JoinPolicy").SelectOptionAsync("Open");
            await Submit(charter).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}$"));

            // An Announcements space that takes no replies.
            await page.Locator("summary", new() { HasText = "Add a space" }).ClickAsync();
            var space = page.Locator("form#new-space");
            await space.Locator("#Name").FillAsync("Club news");
            await space.Locator("#Slug").FillAsync("news");
            await space.Locator("#Kind").SelectOptionAsync("Announcements");
            await space.Locator("#AllowReplies").UncheckAsync();
            await Submit(space).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}/s/news$"));
            await Expect(page.Locator("[data-testid=no-replies]")).ToBeVisibleAsync();

            var topic = page.Locator("form#new-topic");
            await topic.Locator("[name=Title]").FillAsync(title);
            await topic.Locator("[name=Body]").FillAsync("From next week the doors open at **nine**.");
            await Submit(topic).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/[^/?#]+$"));
            topicUrl = new Uri(page.Url).AbsolutePath;
            await Expect(page.Locator("[data-testid=seen-by]")).ToHaveTextAsync("Seen by 0 of 0 members");

            await page.Locator("form#pin button").ClickAsync();
            await Expect(page.Locator("header .badge", new() { HasText = "Pinned" })).ToBeVisibleAsync();
        });

        await FlowAsync(member, "announcements-member-reads", async page =>
        {
            await member.RegisterAsync();
            await page.GotoAsync($"/c/{slug}/join");
            await page.Locator("form#join input[type=checkbox]").First.CheckAsync();
            await Submit(page.Locator("form#join")).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/join$"));

            // Members may read announcements but not start them.
            await page.GotoAsync($"/c/{slug}/s/news");
            await Expect(page.Locator("form#new-topic")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=why-not-post]")).ToContainTextAsync("moderators");
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(page.Locator("main strong", new() { HasText = "nine" })).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=seen-by]")).ToHaveTextAsync("Seen by 1 of 1 member");
            await Expect(page.Locator("form#reply")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=why-not-post]")).ToHaveTextAsync("Replies are turned off in this space.");
        });

        await FlowAsync(steward, "announcements-steward-sees-reach", async page =>
        {
            await page.GotoAsync(topicUrl);
            await Expect(page.Locator("[data-testid=seen-by]")).ToHaveTextAsync("Seen by 1 of 1 member");
        });
    }

    private static ILocator Submit(ILocator form) =>
        form.Locator("button:not([type]), button[type=submit], input[type=submit]");

    /// <summary>Each step leaves a picture of where it ended, passed or failed, to look at after the run.</summary>
    private async Task FlowAsync(Person person, string name, Func<IPage, Task> step)
    {
        try
        {
            await step(person.Page);
            output.WriteLine($"End state: {await person.ScreenshotAsync(name)}");
        }
        catch
        {
            output.WriteLine($"Failed at {person.Page.Url}; screenshot: {await person.ScreenshotAsync(name + ".failed")}");
            throw;
        }
    }
}
