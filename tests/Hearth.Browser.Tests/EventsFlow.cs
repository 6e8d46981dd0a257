using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>Events in a real Chromium: a steward plans a meetup through the pages, a member says they are going.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EventsFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_steward_plans_an_event_and_a_member_says_they_are_going()
    {
        using var stewardApi = await SiteApi.RegisterAsync(site, "steward");
        var slug = await stewardApi.NewCommunityAsync("Night walkers");
        // A day well ahead, on the Berlin wall clock: 19:30 there is 17:30 UTC in summer, 18:30 UTC in winter.
        var day = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(40), DateTimeKind.Unspecified);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var utcStart = TimeZoneInfo.ConvertTimeToUtc(day.AddHours(19).AddMinutes(30), berlin);
        const string title = "Full moon walk along the canal";

        await using var steward = await site.NewPersonAsync("steward");
        var page = steward.Page;
        string topicUrl = "";
        await WithEndStateScreenshotAsync(steward, "EventsFlow.steward", async () =>
        {
            await SignInAsync(page, stewardApi.UserName);

            await page.GotoAsync($"/c/{slug}/spaces");
            var space = page.Locator("form#new-space");
            await space.Locator("[name=Name]").FillAsync("Meetups");
            await space.Locator("[name=Slug]").FillAsync("meetups");
            await space.Locator("[name=Kind]").SelectOptionAsync("Events");
            await Submit(space).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}/s/meetups$"));

            var form = page.Locator("form#new-topic");
            await form.Locator("[name=Title]").FillAsync(title);
            await form.Locator("[name=Body]").FillAsync("We meet at the **lock gates** and walk for two hours.");
            await form.Locator("[name='Event.StartsAt']").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T19:30");
            await form.Locator("[name='Event.EndsAt']").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T21:30");
            await form.Locator("[name='Event.TimeZone']").SelectOptionAsync("Europe/Berlin");
            await form.Locator("[name='Event.Location']").FillAsync("Lock gates, east bank");
            await form.Locator("[name='Event.Capacity']").FillAsync("12");
            await Submit(form).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/[^/?#]+$"));
            topicUrl = new Uri(page.Url).AbsolutePath;
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await Expect(page.Locator("[data-testid=event-when]")).ToContainTextAsync("19:30 – 21:30");
            await Expect(page.Locator("[data-testid=event-when]")).ToContainTextAsync("Europe/Berlin");
            await Expect(page.Locator("[data-testid=event-when-utc]")).ToContainTextAsync(utcStart.ToString("HH:mm", CultureInfo.InvariantCulture));
            await Expect(page.Locator("[data-testid=event-location]")).ToHaveTextAsync("Lock gates, east bank");
            await Expect(page.Locator("[data-testid=event-places]")).ToContainTextAsync("12 of 12 places left");
        });

        await using var member = await site.NewPersonAsync("walker");
        page = member.Page;
        await WithEndStateScreenshotAsync(member, "EventsFlow.member", async () =>
        {
            await member.RegisterAsync();
            await page.GotoAsync($"/c/{slug}/join");
            var join = page.Locator("form#join");
            var boxes = join.Locator("input[type=checkbox]");
            await Expect(boxes.First).ToBeVisibleAsync();
            var accept = await boxes.CountAsync() == 1 ? boxes : join.Locator("input[type=checkbox][name*=ccept]");
            await accept.CheckAsync();
            await Submit(join).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/join$"));

            // Found the way a member finds it: on the Events space's list of upcoming events.
            await page.GotoAsync($"/c/{slug}/s/meetups");
            await page.Locator("[data-testid=upcoming-events]").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(topicUrl) + "$"));

            var rsvp = page.Locator("form#rsvp");
            await rsvp.GetByRole(AriaRole.Button, new() { Name = "Going", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(topicUrl) + "#event$"));
            await Expect(page.Locator("[data-testid=my-rsvp]")).ToHaveTextAsync("You are going.");
            await Expect(page.Locator($"[data-testid=going] li[data-user='{member.UserName}']")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=event-places]")).ToContainTextAsync("1 going");
            await Expect(page.Locator("[data-testid=event-places]")).ToContainTextAsync("11 of 12 places left");
        });
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/sign-in");
        var form = page.Locator("form#sign-in");
        await form.Locator("[name=UserNameOrEmail]").FillAsync(userName);
        await form.Locator("[name=Password]").FillAsync(Person.Password);
        await Submit(form).ClickAsync();
        await Expect(page.Locator("[data-testid=me]")).ToHaveTextAsync(userName);
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
