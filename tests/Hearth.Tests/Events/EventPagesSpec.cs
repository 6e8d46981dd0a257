using System.Globalization;
using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using static Hearth.Tests.Events.EventSteps;

namespace Hearth.Tests.Events;

public abstract class EventPagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No [data-testid={testId}] on the page.");

    [Fact]
    public async Task The_new_topic_form_of_an_Events_space_makes_an_event_on_the_chosen_zones_clock()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var year = DateTime.UtcNow.Year + 1;

        var general = await browser.PageAsync($"/c/{slug}/s/general");
        Assert.Null(general.QuerySelector("[data-testid=event-fields]"));
        var form = await browser.PageAsync($"/c/{slug}/s/{space}");
        Assert.NotNull(form.QuerySelector("form#new-topic input[type=datetime-local][name='Event.StartsAt']"));
        Assert.NotNull(form.QuerySelector("form#new-topic select[name='Event.TimeZone'] option[value='Europe/Berlin']"));
        foreach (var input in form.QuerySelectorAll("form#new-topic fieldset input, form#new-topic fieldset select"))
            Assert.NotNull(form.QuerySelector($"label[for='{input.Id}']"));

        var created = await browser.SubmitAsync($"/c/{slug}/s/{space}", "form#new-topic", new Dictionary<string, string>
        {
            ["Title"] = "Summer picnic",
            ["Body"] = "Bring a blanket.",
            ["Event.StartsAt"] = $"{year}-07-04T19:30",
            ["Event.EndsAt"] = $"{year}-07-04T22:00",
            ["Event.TimeZone"] = "Europe/Berlin",
            ["Event.Location"] = "Tiergarten, by the pond",
            ["Event.Url"] = "",
            ["Event.Capacity"] = "20",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = Location(created);
        var id = long.Parse(url.Split('/')[2], CultureInfo.InvariantCulture);
        var e = (await steward.GetJsonAsync($"/api/v1/topics/{id}"))["event"]!;
        Assert.Equal(new DateTime(year, 7, 4, 17, 30, 0, DateTimeKind.Utc), e["startsAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(20, e["capacity"]!.GetValue<int>());

        var page = await browser.PageAsync(url);
        Assert.Contains("19:30 – 22:00", Text(page, "event-when"));
        Assert.Contains("Europe/Berlin, UTC+02:00", Text(page, "event-when"));
        Assert.Contains("17:30 – 20:00 UTC", Text(page, "event-when-utc"));
        Assert.Equal("Tiergarten, by the pond", Text(page, "event-location"));
        Assert.Contains("0 going", Text(page, "event-places"));
        Assert.Contains("20 of 20 places left", Text(page, "event-places"));
        Assert.Equal($"/api/v1/topics/{id}/event.ics", page.QuerySelector("[data-testid=event-ics]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("form#rsvp"));
        Assert.NotNull(page.QuerySelector("[data-testid=edit-event]"));
    }

    [Fact]
    public async Task The_new_topic_form_shows_event_errors_beside_their_fields()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var response = await browser.SubmitAsync($"/c/{slug}/s/{space}", "form#new-topic", new Dictionary<string, string>
        {
            ["Title"] = "Backwards event",
            ["Body"] = "Ends before it starts.",
            ["Event.StartsAt"] = "2031-05-01T20:00",
            ["Event.EndsAt"] = "2031-05-01T18:00",
            ["Event.TimeZone"] = "Europe/Lisbon",
            ["Event.Location"] = "",
            ["Event.Url"] = "ftp://example.org/",
            ["Event.Capacity"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "Event_EndsAt", "Event_Url", "Event_Capacity" })
        {
            var input = page.QuerySelector($"#{field}")!;
            Assert.NotNull(input.ParentElement!.QuerySelector(".field-error"));
        }
        // What was typed is kept.
        Assert.Equal("Backwards event", page.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Equal("2031-05-01T20:00", page.QuerySelector("#Event_StartsAt")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Event_TimeZone option[value='Europe/Lisbon'][selected]"));
        Assert.Equal(0, (await app.FootprintAsync(slug)).Topics);
    }

    [Fact]
    public async Task A_member_answers_from_the_topic_page_without_JavaScript_and_appears_on_the_list()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(3), capacity: 1);
        var url = topic["url"]!.GetValue<string>();
        var (member, browser) = await SignedInAsync("member");
        await member.JoinAsync(slug);

        var going = await browser.SubmitAsync(url, "form#rsvp", new Dictionary<string, string> { ["Response"] = "Going" });
        Assert.Equal(HttpStatusCode.Redirect, going.StatusCode);
        Assert.Equal(url + "#event", Location(going));
        var page = await browser.PageAsync(url);
        Assert.Equal("You are going.", Text(page, "my-rsvp"));
        Assert.NotNull(page.QuerySelector($"[data-testid=going] li[data-user='{member.UserName}']"));
        Assert.Equal("true", page.QuerySelector("form#rsvp button[value=Going]")!.GetAttribute("aria-pressed"));

        // The next one is put on the waiting list, and the page says where they stand.
        var (late, lateBrowser) = await SignedInAsync("late");
        await late.JoinAsync(slug);
        await lateBrowser.SubmitAsync(url, "form#rsvp", new Dictionary<string, string> { ["Response"] = "Going" });
        page = await lateBrowser.PageAsync(url);
        Assert.Contains("number 1 on the waiting list", Text(page, "my-rsvp"));
        Assert.NotNull(page.QuerySelector($"[data-testid=waitlist] li[data-user='{late.UserName}']"));

        // Anonymous readers see the list but no form; outsiders are told why.
        var anonymous = await Browser.Open(app).PageAsync(url);
        Assert.Null(anonymous.QuerySelector("form#rsvp"));
        Assert.NotNull(anonymous.QuerySelector($"[data-testid=going] li[data-user='{member.UserName}']"));
        Assert.Contains("Sign in", Text(anonymous, "why-not-rsvp"));
    }

    [Fact]
    public async Task An_ended_event_shows_no_answer_form_and_refuses_one_posted_anyway()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var over = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-3));
        var future = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(3));
        var (member, browser) = await SignedInAsync("member");
        await member.JoinAsync(slug);

        var page = await browser.PageAsync(over["url"]!.GetValue<string>());
        Assert.Null(page.QuerySelector("form#rsvp"));
        Assert.Equal("This event has ended.", Text(page, "why-not-rsvp"));

        // A form taken from another event's page, posted to the ended one: refused with a reason, nothing stored.
        var tokenPage = await browser.PageAsync(future["url"]!.GetValue<string>());
        var token = tokenPage.QuerySelector("form#rsvp input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await browser.Http.PostAsync($"/t/{over.Id()}/rsvp", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Response"] = "Going",
        }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ended", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM event_rsvps WHERE topic_id = @Id", new { Id = over.Id() }));
    }

    [Fact]
    public async Task The_Events_space_page_lists_upcoming_and_past_events_and_links_the_feed()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var next = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(2), title: "Next walk");
        var later = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(9), title: "Later walk");
        var before = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-9), title: "Earlier walk");

        var page = await Browser.Open(app).PageAsync($"/c/{slug}/s/{space}");
        Assert.Equal([next.Id(), later.Id()],
            page.QuerySelectorAll("[data-testid=upcoming-events] [data-topic-id]").Select(li => long.Parse(li.GetAttribute("data-topic-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal([before.Id()],
            page.QuerySelectorAll("[data-testid=past-events] [data-topic-id]").Select(li => long.Parse(li.GetAttribute("data-topic-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal($"/api/v1/communities/{slug}/events.ics", page.QuerySelector("[data-testid=events-ics]")!.GetAttribute("href"));

        var past = await Browser.Open(app).PageAsync($"/c/{slug}/events?when=past");
        Assert.Equal("Past events", past.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Earlier walk"], past.QuerySelectorAll("[data-testid=events] a.title").Select(a => a.TextContent.Trim()));
        var upcoming = await Browser.Open(app).PageAsync($"/c/{slug}/events");
        Assert.Equal(["Next walk", "Later walk"], upcoming.QuerySelectorAll("[data-testid=events] a.title").Select(a => a.TextContent.Trim()));
        await Browser.Open(app).PageAsync($"/c/{slug}/events?when=never", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_events_page_pages_through_a_long_list()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        for (var i = 1; i <= 32; i++) await steward.NewEventAsync(slug, space, TimeSpan.FromDays(i), title: $"Walk number {i}");
        var browser = Browser.Open(app);
        var first = await browser.PageAsync($"/c/{slug}/events?when=upcoming");
        Assert.Equal(30, first.QuerySelectorAll("[data-testid=events] li").Length);
        var more = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await browser.PageAsync(more);
        Assert.Equal(["Walk number 31", "Walk number 32"], second.QuerySelectorAll("[data-testid=events] a.title").Select(a => a.TextContent.Trim()));
        Assert.Null(second.QuerySelector("a[rel=next]"));

        // The space page shows the first ten and links to the rest.
        var spacePage = await browser.PageAsync($"/c/{slug}/s/{space}");
        Assert.Equal(10, spacePage.QuerySelectorAll("[data-testid=upcoming-events] [data-topic-id]").Length);
        Assert.NotNull(spacePage.QuerySelector($"[data-testid=upcoming-events] a[href='/c/{slug}/events?space={space}&when=upcoming']"));
    }

    [Fact]
    public async Task An_event_page_runs_a_fixed_number_of_queries_whatever_the_number_of_attendees()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var small = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(3), title: "Small gathering");
        var big = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(4), capacity: 10, title: "Big gathering");
        await steward.RsvpAsync(small.Id(), "Going");
        for (var i = 0; i < 16; i++)
        {
            var member = await app.NewJoinedMemberAsync(slug);
            await member.RsvpAsync(big.Id(), i % 5 == 0 ? "Maybe" : "Going");
        }

        var browser = Browser.Open(app);
        var client = app.CreateClient();
        async Task<int> CountAsync(Func<Task> request)
        {
            await request(); // warm-up: start-up work is not the page's cost
            app.Db.Counter = new Hearth.Platform.Data.CommandCounter();
            try
            {
                await request();
                return app.Db.Counter.Count;
            }
            finally
            {
                app.Db.Counter = null;
            }
        }

        var pageSmall = await CountAsync(async () => await browser.PageAsync(small["url"]!.GetValue<string>()));
        var pageBig = await CountAsync(async () =>
        {
            var page = await browser.PageAsync(big["url"]!.GetValue<string>());
            Assert.Equal(10, page.QuerySelectorAll("[data-testid=going] li").Length);
            Assert.Equal(2, page.QuerySelectorAll("[data-testid=waitlist] li").Length);
        });
        var apiSmall = await CountAsync(async () => await client.GetJsonAsync($"/api/v1/topics/{small.Id()}"));
        var apiBig = await CountAsync(async () => await client.GetJsonAsync($"/api/v1/topics/{big.Id()}"));
        var spaceSmall = await CountAsync(async () => await browser.PageAsync($"/c/{slug}/s/{space}"));
        Assert.Equal(pageSmall, pageBig);
        Assert.Equal(apiSmall, apiBig);
        Assert.InRange(pageBig, 1, 3);
        Assert.InRange(spaceSmall, 1, 4);
    }

    [Fact]
    public async Task The_organiser_edits_the_event_from_its_page_and_others_may_not()
    {
        var (organiser, browser) = await SignedInAsync("organiser");
        var slug = await organiser.NewCommunityAsync();
        var space = await organiser.NewEventsSpaceAsync(slug);
        var topic = await organiser.NewEventAsync(slug, space, TimeSpan.FromDays(5));
        var year = DateTime.UtcNow.Year + 1;

        var form = await browser.PageAsync($"/t/{topic.Id()}/event/edit");
        Assert.Equal("Europe/Berlin", form.QuerySelector("#Event_TimeZone option[selected]")!.GetAttribute("value"));
        Assert.Equal("The old bridge", form.QuerySelector("#Event_Location")!.GetAttribute("value"));
        var saved = await browser.SubmitAsync($"/t/{topic.Id()}/event/edit", "form#edit-event", new Dictionary<string, string>
        {
            ["Event.StartsAt"] = $"{year}-01-10T09:00",
            ["Event.EndsAt"] = $"{year}-01-10T11:00",
            ["Event.TimeZone"] = "America/New_York",
            ["Event.Location"] = "",
            ["Event.Url"] = "https://meet.example.org/winter",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var e = (await organiser.GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["event"]!;
        Assert.Equal(new DateTime(year, 1, 10, 14, 0, 0, DateTimeKind.Utc), e["startsAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Null(e["location"]);
        Assert.Equal("https://meet.example.org/winter", e["url"]!.GetValue<string>());
        var page = await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.Contains("09:00 – 11:00", Text(page, "event-when"));
        Assert.Contains("UTC-05:00", Text(page, "event-when"));

        var (member, other) = await SignedInAsync("member");
        await member.JoinAsync(slug);
        Assert.Null((await other.PageAsync(topic["url"]!.GetValue<string>())).QuerySelector("[data-testid=edit-event]"));
        await other.PageAsync($"/t/{topic.Id()}/event/edit", HttpStatusCode.Forbidden);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class EventPagesOnSqlite(SqliteApp app) : EventPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class EventPagesOnPostgres(PostgresApp app) : EventPagesSpec(app);
