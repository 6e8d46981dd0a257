using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using static Hearth.Tests.Events.EventSteps;

namespace Hearth.Tests.Events;

public abstract class EventsSpec(HearthApp app)
{
    private async Task<(Member Steward, string Slug, string Space)> EventsCommunityAsync(Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(with);
        var space = await steward.NewEventsSpaceAsync(slug);
        return (steward, slug, space);
    }

    [Fact]
    public async Task An_event_is_stored_in_UTC_and_shown_in_its_own_time_zone()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var year = DateTime.UtcNow.Year + 1;
        var created = await (await steward.PostEventAsync(slug, space, new Dictionary<string, object?>
        {
            ["startsAt"] = $"{year}-07-04T19:30:00+02:00",
            ["endsAt"] = $"{year}-07-04T22:00:00+02:00",
            ["timeZone"] = "europe/berlin",
            ["url"] = "https://meet.example.org/river",
            ["capacity"] = 12,
        })).ShouldBe(HttpStatusCode.Created);

        var topic = await steward.GetJsonAsync($"/api/v1/topics/{created.Id()}");
        var e = topic["event"]!;
        Assert.Equal("Events", topic["kind"]!.GetValue<string>());
        Assert.Equal(new DateTime(year, 7, 4, 17, 30, 0, DateTimeKind.Utc), e["startsAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.EndsWith("Z", e["startsAt"]!.GetValue<string>());
        Assert.Equal($"{year}-07-04T19:30:00+02:00", e["startsAtLocal"]!.GetValue<string>());
        Assert.Equal($"{year}-07-04T22:00:00+02:00", e["endsAtLocal"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", e["timeZone"]!.GetValue<string>());
        Assert.Equal("https://meet.example.org/river", e["url"]!.GetValue<string>());
        Assert.Null(e["location"]);
        Assert.Equal(12, e["capacity"]!.GetValue<int>());
        Assert.Equal(12, e["placesLeft"]!.GetValue<int>());
        Assert.Equal(0, e["goingCount"]!.GetValue<int>());
        Assert.Equal($"/api/v1/topics/{created.Id()}/event.ics", e["icsUrl"]!.GetValue<string>());

        // A discussion topic carries no event at all.
        var plain = await steward.NewTopicAsync(slug, "Just talking");
        Assert.Null((await steward.GetJsonAsync($"/api/v1/topics/{plain.Id()}"))["event"]);
    }

    [Fact]
    public async Task A_bad_event_block_is_refused_field_by_field_and_nothing_is_written()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var start = Soon(TimeSpan.FromDays(3));
        var cases = new (string Field, Dictionary<string, object?> Block)[]
        {
            ("event.timeZone", Block(start, timeZone: "Europe/Atlantis")),
            ("event.timeZone", Block(start, timeZone: "W. Europe Standard Time")),
            ("event.timeZone", Block(start, timeZone: "localtime")),
            ("event.timeZone", Block(start, timeZone: "../../etc/passwd")),
            ("event.timeZone", Block(start, timeZone: "")),
            ("event.endsAt", Block(start, length: TimeSpan.FromHours(-1))),
            ("event.endsAt", Block(start, length: TimeSpan.Zero)),
            ("event.url", Block(start, location: null, url: "javascript:alert(1)")),
            ("event.url", Block(start, url: "ftp://files.example.org/")),
            ("event.url", Block(start, url: "not a link")),
            ("event.location", Block(start, location: null, url: null)),
            ("event.location", Block(start, location: new string('x', 201))),
            ("event.capacity", Block(start, capacity: 0)),
            ("event.capacity", Block(start, capacity: -3)),
            ("event.capacity", Block(start, capacity: 100_001)),
        };
        foreach (var (field, block) in cases)
        {
            var problem = await (await steward.PostEventAsync(slug, space, block)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?[field] is not null, $"Expected an error on {field} for {block.ToJson()}: {problem.ToJsonString()}");
        }

        foreach (var (field, value) in new[] { ("startsAt", "2031-06-01T18:00:00"), ("startsAt", "tomorrow"), ("endsAt", "2031-06-01"), ("startsAt", "0001-01-01T00:00:00Z"), ("startsAt", null) })
        {
            var block = Block(start);
            block[field] = value;
            var problem = await (await steward.PostEventAsync(slug, space, block)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]?[$"event.{field}"]);
        }

        var footprint = await app.FootprintAsync(slug);
        Assert.Equal(0, footprint.Topics);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM events e JOIN communities c ON c.id = e.community_id WHERE c.slug = @Slug", new { Slug = slug }));
    }

    [Fact]
    public async Task An_Events_space_needs_the_event_block_and_other_spaces_refuse_it()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var missing = await (await steward.PostEventAsync(slug, space, null)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]?["event"]);

        var elsewhere = await (await steward.PostEventAsync(slug, "general", Block(Soon(TimeSpan.FromDays(2))))).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(elsewhere["errors"]?["event"]);
        Assert.Equal(0, (await app.FootprintAsync(slug)).Topics);
    }

    [Fact]
    public async Task Going_takes_the_free_places_then_the_waiting_list_in_order()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(5), capacity: 2);
        var people = new List<Member>();
        for (var i = 0; i < 4; i++) people.Add(await app.NewJoinedMemberAsync(slug));

        var answers = new List<JsonNode>();
        foreach (var person in people) answers.Add(await person.RsvpAsync(topic.Id(), "Going"));
        Assert.Equal(["Going", "Going", "Waitlisted", "Waitlisted"], answers.Select(a => a.State()));
        Assert.Equal([null, null, 1, 2], answers.Select(a => a.Position()));

        var maybe = await steward.RsvpAsync(topic.Id(), "Maybe");
        Assert.Equal("Maybe", maybe.State());
        Assert.Null(maybe.Position());

        var attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        Assert.Equal([people[0].UserName, people[1].UserName], attendees["going"]!.Names());
        Assert.Equal([people[2].UserName, people[3].UserName], attendees["waitlist"]!.Names());
        Assert.Equal([1, 2], attendees["waitlist"]!.AsArray().Select(a => a!["position"]!.GetValue<int>()));
        Assert.Equal([steward.UserName], attendees["maybe"]!.Names());
        Assert.Equal(2, attendees["goingCount"]!.GetValue<int>());
        Assert.Equal(2, attendees["waitlistCount"]!.GetValue<int>());

        var mine = (await people[3].GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["event"]!;
        Assert.Equal("Waitlisted", mine["viewerRsvp"]!["state"]!.GetValue<string>());
        Assert.Equal(2, mine["viewerRsvp"]!["position"]!.GetValue<int>());
        Assert.Equal(0, mine["placesLeft"]!.GetValue<int>());

        // Saying Going again keeps one's place in the queue.
        var again = await people[2].RsvpAsync(topic.Id(), "Going");
        Assert.Equal(("Waitlisted", (int?)1), (again.State(), again.Position()));
    }

    [Fact]
    public async Task A_place_given_up_goes_to_the_first_one_waiting_who_is_told()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(5), capacity: 1, title: "Pottery evening");
        var first = await app.NewJoinedMemberAsync(slug);
        var second = await app.NewJoinedMemberAsync(slug);
        var third = await app.NewJoinedMemberAsync(slug);
        await first.RsvpAsync(topic.Id(), "Going");
        await second.RsvpAsync(topic.Id(), "Going");
        await third.RsvpAsync(topic.Id(), "Going");

        var cancelled = await first.RsvpAsync(topic.Id(), "NotGoing");
        Assert.Equal("NotGoing", cancelled.State());
        var attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        Assert.Equal([second.UserName], attendees["going"]!.Names());
        Assert.Equal([third.UserName], attendees["waitlist"]!.Names());
        var told = (await second.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray();
        var note = Assert.Single(told, n => n!["kind"]!.GetValue<string>() == "event_promoted")!;
        Assert.Contains("Pottery evening", note["text"]!.GetValue<string>());
        Assert.Equal(topic["url"]!.GetValue<string>(), note["url"]!.GetValue<string>());
        Assert.DoesNotContain("event_promoted", await third.NotificationKindsAsync());

        // Leaving the waiting list hands nothing on; Maybe from the one going does.
        await third.RsvpAsync(topic.Id(), "Maybe");
        var fourth = await app.NewJoinedMemberAsync(slug);
        var queued = await fourth.RsvpAsync(topic.Id(), "Going");
        Assert.Equal(("Waitlisted", (int?)1), (queued.State(), queued.Position()));
        await second.RsvpAsync(topic.Id(), "Maybe");
        attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        Assert.Equal([fourth.UserName], attendees["going"]!.Names());
        Assert.Empty(attendees["waitlist"]!.AsArray());
        Assert.Contains("event_promoted", await fourth.NotificationKindsAsync());
    }

    [Fact]
    public async Task Answers_at_the_same_moment_never_take_more_places_than_there_are()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(5), capacity: 3);
        var people = new List<Member>();
        for (var i = 0; i < 8; i++) people.Add(await app.NewJoinedMemberAsync(slug));

        var answers = await Task.WhenAll(people.Select(p => p.RsvpAsync(topic.Id(), "Going")));
        Assert.Equal(3, answers.Count(a => a.State() == "Going"));
        Assert.Equal([1, 2, 3, 4, 5], answers.Where(a => a.State() == "Waitlisted").Select(a => a.Position()!.Value).Order());

        // Three give up at once: the three first in the queue get the places, in order.
        var attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        var queue = attendees["waitlist"]!.Names();
        var going = attendees["going"]!.Names();
        await Task.WhenAll(people.Where(p => going.Contains(p.UserName)).Select(p => p.RsvpAsync(topic.Id(), "NotGoing")));
        attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        Assert.Equal(queue[..3], attendees["going"]!.Names());
        Assert.Equal(queue[3..], attendees["waitlist"]!.Names());
    }

    [Fact]
    public async Task Only_active_members_answer_and_hidden_events_stay_hidden()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(5));
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.PostAsync($"/api/v1/topics/{topic.Id()}/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.Forbidden);
        var anonymous = await app.CreateClient().PostAsync($"/api/v1/topics/{topic.Id()}/rsvp", Api.RawJson("""{"response":"Going"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var member = await app.NewJoinedMemberAsync(slug);
        foreach (var bad in new[] { "going", "Yes", "1", "Going,Maybe", "" })
        {
            var problem = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/rsvp", new { response = bad })).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]?["response"]);
        }
        await member.LeaveAsync(slug);
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.Forbidden);

        var plain = await steward.NewTopicAsync(slug, "Not an event");
        await (await steward.PostAsync($"/api/v1/topics/{plain.Id()}/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync("/api/v1/topics/999999999/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.NotFound);

        foreach (var visibility in new[] { "Restricted", "Private" })
        {
            var (owner, hidden, hiddenSpace) = await EventsCommunityAsync(c => c["visibility"] = visibility);
            var secret = await owner.NewEventAsync(hidden, hiddenSpace, TimeSpan.FromDays(5));
            await (await outsider.PostAsync($"/api/v1/topics/{secret.Id()}/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.GetAsync($"/api/v1/topics/{secret.Id()}/attendees")).ShouldFail(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task An_event_that_has_ended_takes_no_more_answers()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var over = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-2));
        var member = await app.NewJoinedMemberAsync(slug);
        var problem = await (await member.PostAsync($"/api/v1/topics/{over.Id()}/rsvp", new { response = "Going" })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("ended", problem["title"]!.GetValue<string>());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM event_rsvps WHERE topic_id = @Id", new { Id = over.Id() }));

        // Under way is not over: an event that started an hour ago still takes answers.
        var ongoing = await steward.NewEventAsync(slug, space, TimeSpan.FromHours(-1), length: TimeSpan.FromHours(3));
        Assert.Equal("Going", (await member.RsvpAsync(ongoing.Id(), "Going")).State());
    }

    [Fact]
    public async Task The_attendee_list_is_for_those_who_may_read_the_event()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var open = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(5));
        var member = await app.NewJoinedMemberAsync(slug);
        await member.RsvpAsync(open.Id(), "Going");
        var anonymous = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{open.Id()}/attendees");
        Assert.Equal([member.UserName], anonymous["going"]!.Names());

        var (owner, hidden, hiddenSpace) = await EventsCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var secret = await owner.NewEventAsync(hidden, hiddenSpace, TimeSpan.FromDays(5));
        await owner.RsvpAsync(secret.Id(), "Going");
        await (await app.CreateClient().GetAsync($"/api/v1/topics/{secret.Id()}/attendees")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/topics/{secret.Id()}/attendees")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/topics/{secret.Id()}")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal([owner.UserName], (await owner.GetJsonAsync($"/api/v1/topics/{secret.Id()}/attendees"))["going"]!.Names());

        // Someone who left no longer holds a place nor shows on the list; their place goes to the first one waiting.
        var (host, small, smallSpace) = await EventsCommunityAsync();
        var tiny = await host.NewEventAsync(small, smallSpace, TimeSpan.FromDays(5), capacity: 1);
        var leaver = await app.NewJoinedMemberAsync(small);
        var waiting = await app.NewJoinedMemberAsync(small);
        await leaver.RsvpAsync(tiny.Id(), "Going");
        await waiting.RsvpAsync(tiny.Id(), "Going");
        await leaver.LeaveAsync(small);
        var list = await host.GetJsonAsync($"/api/v1/topics/{tiny.Id()}/attendees");
        Assert.Empty(list["going"]!.AsArray());
        var late = await app.NewJoinedMemberAsync(small);
        var lateAnswer = await late.RsvpAsync(tiny.Id(), "Going");
        Assert.Equal(("Waitlisted", (int?)1), (lateAnswer.State(), lateAnswer.Position()));
        list = await host.GetJsonAsync($"/api/v1/topics/{tiny.Id()}/attendees");
        Assert.Equal([waiting.UserName], list["going"]!.Names());
        Assert.Contains("event_promoted", await waiting.NotificationKindsAsync());
    }

    [Fact]
    public async Task Upcoming_and_past_lists_page_through_events_by_start()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var later = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(20), title: "Later walk");
        var soon = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(2), title: "Soon walk");
        var ongoing = await steward.NewEventAsync(slug, space, TimeSpan.FromHours(-1), length: TimeSpan.FromHours(4), title: "Walk under way");
        var lastWeek = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-7), title: "Last week's walk");
        var lastMonth = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-30), title: "Last month's walk");
        await steward.NewEventsSpaceAsync(slug, "workshops");
        var elsewhere = await steward.NewEventAsync(slug, "workshops", TimeSpan.FromDays(3), title: "A workshop");

        var all = await steward.GetJsonAsync($"/api/v1/communities/{slug}/events");
        Assert.Equal([ongoing.Id(), soon.Id(), elsewhere.Id(), later.Id()], all["items"]!.AsArray().Select(i => i!.Id()));
        Assert.Equal("The old bridge", all["items"]![0]!["event"]!["location"]!.GetValue<string>());

        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await steward.GetJsonAsync($"/api/v1/communities/{slug}/events?when=upcoming&space={space}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page["items"]!.AsArray().Count <= 2);
            ids.AddRange(page["items"]!.AsArray().Select(i => i!.Id()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal([ongoing.Id(), soon.Id(), later.Id()], ids);

        var past = await steward.GetJsonAsync($"/api/v1/communities/{slug}/events?when=past&limit=1");
        Assert.Equal([lastWeek.Id()], past["items"]!.AsArray().Select(i => i!.Id()));
        var older = await steward.GetJsonAsync($"/api/v1/communities/{slug}/events?when=past&limit=1&cursor={past["next"]!.GetValue<string>()}");
        Assert.Equal([lastMonth.Id()], older["items"]!.AsArray().Select(i => i!.Id()));
        Assert.Null(older["next"]);

        await (await steward.GetAsync($"/api/v1/communities/{slug}/events?when=someday")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.GetAsync($"/api/v1/communities/{slug}/events?cursor=not-a-cursor!")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.GetAsync($"/api/v1/communities/{slug}/events?space=nowhere")).ShouldFail(HttpStatusCode.NotFound);

        var (_, hidden, _) = await EventsCommunityAsync(c => c["visibility"] = "Restricted");
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{hidden}/events")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reminders_are_scheduled_before_the_start_and_moved_not_duplicated()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var start = Soon(TimeSpan.FromDays(3));
        var topic = await (await steward.PostEventAsync(slug, space, Block(start))).ShouldBe(HttpStatusCode.Created);
        var id = topic.Id();

        var jobs = await JobsAsync(id);
        Assert.Equal([$"event_reminder:{id}:1h", $"event_reminder:{id}:24h"], jobs.Select(j => j.DedupeKey));
        Assert.All(jobs, j => Assert.Equal("event_reminder", j.Kind));
        Assert.Equal(start.AddHours(-1), jobs[0].DueAt);
        Assert.Equal(start.AddHours(-24), jobs[1].DueAt);
        var payload = JsonNode.Parse(jobs[0].Payload)!;
        Assert.Equal(id, payload["topicId"]!.GetValue<long>());

        var moved = start.AddDays(2);
        await (await steward.PatchAsync($"/api/v1/topics/{id}/event", Block(moved))).ShouldBe(HttpStatusCode.OK);
        jobs = await JobsAsync(id);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(moved.AddHours(-1), jobs[0].DueAt);
        Assert.Equal(moved.AddHours(-24), jobs[1].DueAt);

        // Moved to within a day: the day-before reminder would come too late and is withdrawn; the hour-before one stays.
        var close = Soon(TimeSpan.FromHours(5));
        await (await steward.PatchAsync($"/api/v1/topics/{id}/event", Block(close))).ShouldBe(HttpStatusCode.OK);
        jobs = await JobsAsync(id);
        var single = Assert.Single(jobs);
        Assert.Equal($"event_reminder:{id}:1h", single.DedupeKey);
        Assert.Equal(close.AddHours(-1), single.DueAt);

        var imminent = await steward.NewEventAsync(slug, space, TimeSpan.FromMinutes(30));
        Assert.Empty(await JobsAsync(imminent.Id()));
        var past = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(-3));
        Assert.Empty(await JobsAsync(past.Id()));
    }

    [Fact]
    public async Task The_organiser_or_a_moderator_changes_an_event_and_those_who_answered_are_told()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var organiser = await app.NewJoinedMemberAsync(slug, "organiser");
        var topic = await organiser.NewEventAsync(slug, space, TimeSpan.FromDays(4), capacity: 1, title: "Board games");
        var going = await app.NewJoinedMemberAsync(slug);
        var waiting = await app.NewJoinedMemberAsync(slug);
        var notGoing = await app.NewJoinedMemberAsync(slug);
        await going.RsvpAsync(topic.Id(), "Going");
        await waiting.RsvpAsync(topic.Id(), "Going");
        await notGoing.RsvpAsync(topic.Id(), "NotGoing");

        var block = Block(Soon(TimeSpan.FromDays(6)), location: "The library", capacity: 1);
        await (await going.PatchAsync($"/api/v1/topics/{topic.Id()}/event", block)).ShouldFail(HttpStatusCode.Forbidden);
        var bad = Block(Soon(TimeSpan.FromDays(6)), timeZone: "Mars/Olympus");
        Assert.NotNull((await (await organiser.PatchAsync($"/api/v1/topics/{topic.Id()}/event", bad)).ShouldFail(HttpStatusCode.UnprocessableEntity))["errors"]?["event.timeZone"]);

        var edited = await (await organiser.PatchAsync($"/api/v1/topics/{topic.Id()}/event", block)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("The library", edited["event"]!["location"]!.GetValue<string>());
        Assert.Contains("event_changed", await going.NotificationKindsAsync());
        Assert.Contains("event_changed", await waiting.NotificationKindsAsync());
        Assert.DoesNotContain("event_changed", await notGoing.NotificationKindsAsync());
        Assert.DoesNotContain("event_changed", await organiser.NotificationKindsAsync());

        // A moderator raises the capacity: the one waiting gets the place.
        block["capacity"] = 5;
        await (await steward.PatchAsync($"/api/v1/topics/{topic.Id()}/event", block)).ShouldBe(HttpStatusCode.OK);
        var attendees = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}/attendees");
        Assert.Equal([going.UserName, waiting.UserName], attendees["going"]!.Names());
        Assert.Contains("event_promoted", await waiting.NotificationKindsAsync());

        var plain = await steward.NewTopicAsync(slug, "Not an event");
        await (await steward.PatchAsync($"/api/v1/topics/{plain.Id()}/event", block)).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_community_feed_is_valid_iCalendar_read_by_a_real_parser()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        const string body = """
            Ein **langer** Abend am Fluss; wir treffen uns an der Brücke, bringen Äpfel, Birnen; Käse — und gute Laune.
            Zweite Zeile mit Backslash \ und Komma, Semikolon; Emoji 🎉🚲 und 日本語のテキストも少し入れておきます。
            Noch ein Absatz, der lang genug ist, damit er sicher über mehrere gefaltete Zeilen läuft: äöüß ÄÖÜ éèê ñ ø å.
            """;
        var start = Soon(TimeSpan.FromDays(9));
        var first = await (await steward.PostEventAsync(slug, space, Block(start, location: "Café Größenwahn, Ufer 3; Hinterhof", url: "https://meet.example.org/a?b=c,d"),
            title: "Abendspaziergang, Teil 1; mit Picknick", body: body)).ShouldBe(HttpStatusCode.Created);
        var second = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(12), title: "Morning run", location: null, url: "https://meet.example.org/run");

        var response = await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/events.ics");
        var ics = await AssertCalendarAsync(response);
        var parsed = await PythonICalendar.ParseAsync(ics);
        Assert.Equal("VCALENDAR", parsed["name"]!.GetValue<string>());
        Assert.Empty(parsed["errors"]!.AsArray());
        Assert.Equal("2.0", parsed["VERSION"]!.GetValue<string>());
        Assert.Equal("GREGORIAN", parsed["CALSCALE"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(parsed["PRODID"]!.GetValue<string>()));
        var events = parsed["events"]!.AsArray();
        Assert.Equal(2, events.Count);

        var e = events.Single(x => x!["UID"]!.GetValue<string>() == $"event-{first.Id()}@localhost")!;
        Assert.Empty(e["errors"]!.AsArray());
        Assert.Equal("Abendspaziergang, Teil 1; mit Picknick", e["SUMMARY"]!.GetValue<string>());
        Assert.Equal("Café Größenwahn, Ufer 3; Hinterhof", e["LOCATION"]!.GetValue<string>());
        var description = e["DESCRIPTION"]!.GetValue<string>();
        Assert.Contains("Ein langer Abend am Fluss; wir treffen uns an der Brücke, bringen Äpfel, Birnen; Käse — und gute Laune.", description);
        Assert.Contains("Backslash \\ und Komma, Semikolon; Emoji 🎉🚲 und 日本語のテキストも少し入れておきます。", description);
        Assert.Contains("äöüß ÄÖÜ éèê ñ ø å.", description);
        Assert.Contains("\n", description);
        Assert.DoesNotContain("**", description);
        Assert.Contains("Online: https://meet.example.org/a?b=c,d", description);
        Assert.Equal($"http://localhost{first["url"]!.GetValue<string>()}", e["URL"]!.GetValue<string>());
        Assert.Equal(start, DateTime.Parse(e["DTSTART"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(start.AddHours(2), DateTime.Parse(e["DTEND"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(0, e["DTSTART_utcoffset"]!.GetValue<double>());
        Assert.NotNull(e["DTSTAMP"]);

        var online = events.Single(x => x!["UID"]!.GetValue<string>() == $"event-{second.Id()}@localhost")!;
        Assert.Equal("Morning run", online["SUMMARY"]!.GetValue<string>());
        Assert.Equal("https://meet.example.org/run", online["LOCATION"]!.GetValue<string>());

        // The same feed twice is the same text: UIDs and stamps are stable, so calendar apps do not see new events.
        Assert.Equal(ics, await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/events.ics")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_single_event_file_is_valid_iCalendar_for_those_who_may_read_it()
    {
        var (steward, slug, space) = await EventsCommunityAsync();
        var start = Soon(TimeSpan.FromDays(4));
        var topic = await (await steward.PostEventAsync(slug, space, Block(start, timeZone: "America/New_York", url: "https://meet.example.org/x"), title: "Quarterly review")).ShouldBe(HttpStatusCode.Created);

        var ics = await AssertCalendarAsync(await app.CreateClient().GetAsync($"/api/v1/topics/{topic.Id()}/event.ics"));
        var parsed = await PythonICalendar.ParseAsync(ics);
        var e = Assert.Single(parsed["events"]!.AsArray())!;
        Assert.Equal($"event-{topic.Id()}@localhost", e["UID"]!.GetValue<string>());
        Assert.Equal("Quarterly review", e["SUMMARY"]!.GetValue<string>());
        Assert.Equal("The old bridge", e["LOCATION"]!.GetValue<string>());
        Assert.Equal(start, DateTime.Parse(e["DTSTART"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Contains("America/New_York", e["DESCRIPTION"]!.GetValue<string>());

        var plain = await steward.NewTopicAsync(slug, "Not an event");
        await (await app.CreateClient().GetAsync($"/api/v1/topics/{plain.Id()}/event.ics")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_private_communitys_calendar_is_unknown_to_outsiders()
    {
        foreach (var visibility in new[] { "Private", "Restricted" })
        {
            var (steward, slug, space) = await EventsCommunityAsync(c => { c["visibility"] = visibility; c["joinPolicy"] = "Invitation"; });
            var topic = await steward.NewEventAsync(slug, space, TimeSpan.FromDays(4), title: "Members only");
            var outsider = await app.NewMemberAsync("outsider");
            foreach (var client in new[] { app.CreateClient(), outsider.Http })
            {
                await (await client.GetAsync($"/api/v1/communities/{slug}/events.ics")).ShouldFail(HttpStatusCode.NotFound);
                await (await client.GetAsync($"/api/v1/topics/{topic.Id()}/event.ics")).ShouldFail(HttpStatusCode.NotFound);
                await (await client.GetAsync($"/api/v1/communities/{slug}/events")).ShouldFail(HttpStatusCode.NotFound);
            }
            var feed = await PythonICalendar.ParseAsync(await AssertCalendarAsync(await steward.GetAsync($"/api/v1/communities/{slug}/events.ics")));
            Assert.Equal("Members only", Assert.Single(feed["events"]!.AsArray())!["SUMMARY"]!.GetValue<string>());
        }
    }

    /// <summary>The response is an RFC 5545 calendar on the wire: content type, CRLF line ends, lines of at most 75 octets.</summary>
    private static async Task<string> AssertCalendarAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet?.ToLowerInvariant());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "No byte order mark.");
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text);
        Assert.EndsWith("END:VCALENDAR\r\n", text);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}");
        });
        Assert.Contains(lines, l => l.StartsWith(' '));
        return text;
    }

    private async Task<List<Job>> JobsAsync(long topicId)
    {
        await using var connection = await app.Db.OpenAsync();
        return [.. await connection.QueryAsync<Job>(
            "SELECT kind, due_at, payload, dedupe_key FROM scheduled_jobs WHERE dedupe_key LIKE @Prefix ORDER BY dedupe_key",
            new { Prefix = $"event_reminder:{topicId}:%" })];
    }

    private sealed record Job
    {
        public string Kind { get; init; } = "";
        public DateTime DueAt { get; init; }
        public string Payload { get; init; } = "";
        public string DedupeKey { get; init; } = "";
    }
}

internal static class BlockText
{
    public static string ToJson(this Dictionary<string, object?> block) => System.Text.Json.JsonSerializer.Serialize(block);
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class EventsOnSqlite(SqliteApp app) : EventsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class EventsOnPostgres(PostgresApp app) : EventsSpec(app);
