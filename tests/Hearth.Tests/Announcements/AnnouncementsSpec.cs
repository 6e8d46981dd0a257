using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Announcements;

public abstract class AnnouncementsSpec(HearthApp app)
{
    private async Task<(string Slug, Member Steward, Member Member)> CommunityWithMemberAsync(Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(with);
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(slug);
        return (slug, steward, member);
    }

    private async Task<Browser> SignedInAsync(Member member)
    {
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return browser;
    }

    // ---- who starts announcements ----

    [Fact]
    public async Task Only_moderators_and_stewards_start_topics_in_an_announcements_space()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var moderator = await app.NewMemberAsync("moderator");
        await moderator.JoinAsync(slug);
        await steward.MakeModeratorAsync(slug, moderator);
        var space = await steward.AddAnnouncementsAsync(slug);
        Assert.Equal("Announcements", space["kind"]!.GetValue<string>());
        Assert.True(space["allowReplies"]!.GetValue<bool>());

        var refused = await (await member.PostAsync($"/api/v1/communities/{slug}/topics", new { space = "news", title = "Not mine to say", body = "Hello." }))
            .ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("moderators", refused["title"]!.GetValue<string>());
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/topics", new { space = "news", title = "Nor mine", body = "Hello." }))
            .ShouldFail(HttpStatusCode.Forbidden);

        var byModerator = await moderator.NewTopicAsync(slug, "The meetup moves to Friday", space: "news");
        var bySteward = await steward.NewTopicAsync(slug, "Welcome to the new forum", space: "news");
        Assert.Equal("Announcements", byModerator["kind"]!.GetValue<string>());
        Assert.Equal("news", bySteward["space"]!["slug"]!.GetValue<string>());
        var footprint = await app.FootprintAsync(slug);
        Assert.Equal(2, footprint.Topics);

        // The space page shows the form to those who may use it, and says why to everyone else.
        var memberPage = await (await SignedInAsync(member)).PageAsync($"/c/{slug}/s/news");
        Assert.Null(memberPage.QuerySelector("form#new-topic"));
        Assert.Contains("moderators", memberPage.QuerySelector("[data-testid=why-not-post]")!.TextContent);
        var moderatorPage = await (await SignedInAsync(moderator)).PageAsync($"/c/{slug}/s/news");
        Assert.NotNull(moderatorPage.QuerySelector("form#new-topic"));
    }

    // ---- replies allowed or not ----

    [Fact]
    public async Task A_space_without_replies_refuses_them_with_409_until_a_steward_allows_them()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var space = await steward.AddAnnouncementsAsync(slug, allowReplies: false);
        Assert.False(space["allowReplies"]!.GetValue<bool>());
        var listed = (await member.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray().Single(s => s!["slug"]!.GetValue<string>() == "news")!;
        Assert.False(listed["allowReplies"]!.GetValue<bool>());
        var topic = await steward.NewTopicAsync(slug, "Maintenance on Sunday", space: "news");
        Assert.False(topic["allowReplies"]!.GetValue<bool>());

        var refused = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Thanks!" })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal("Replies are turned off in this space.", refused["title"]!.GetValue<string>());
        await (await steward.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Update: moved to Monday." })).ShouldFail(HttpStatusCode.Conflict);
        var footprint = await app.FootprintAsync(slug);
        Assert.Equal((1, 1, 0L), (footprint.Topics, footprint.Posts, footprint.Replies ?? 0));

        // The page says so instead of offering the form, and a forged post is refused the same way.
        var browser = await SignedInAsync(member);
        var page = await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.Null(page.QuerySelector("form#reply"));
        Assert.Null(page.QuerySelector("form#upload"));
        Assert.Equal("Replies are turned off in this space.", page.QuerySelector("[data-testid=why-not-post]")!.TextContent.Trim());
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await browser.Http.PostAsync(topic["url"]!.GetValue<string>(),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Body"] = "Sneaky reply." }));
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.Equal(1, (await app.FootprintAsync(slug)).Posts);

        var changed = await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/news", new { allowReplies = true })).ShouldBe(HttpStatusCode.OK);
        Assert.True(changed["allowReplies"]!.GetValue<bool>());
        Assert.Equal("News", changed["name"]!.GetValue<string>());
        await member.ReplyAsync(topic.Id(), "Thanks for the notice.");
        Assert.NotNull((await browser.PageAsync(topic["url"]!.GetValue<string>())).QuerySelector("form#reply"));
    }

    [Fact]
    public async Task Only_stewards_change_a_space_and_bad_settings_are_refused()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        await steward.AddAnnouncementsAsync(slug);
        var moderator = await app.NewMemberAsync("moderator");
        await moderator.JoinAsync(slug);
        await steward.MakeModeratorAsync(slug, moderator);

        await (await member.PatchAsync($"/api/v1/communities/{slug}/spaces/news", new { allowReplies = false })).ShouldFail(HttpStatusCode.Forbidden);
        await (await moderator.PatchAsync($"/api/v1/communities/{slug}/spaces/news", new { allowReplies = false })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.CreateClient().PatchAsync($"/api/v1/communities/{slug}/spaces/news", Api.RawJson("""{"allowReplies": false}"""))).StatusCode);
        await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/nowhere", new { allowReplies = false })).ShouldFail(HttpStatusCode.NotFound);
        var invalid = await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/news", new { name = " ", whoCanStart = "Everyone" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(invalid["errors"]!["name"]);
        Assert.NotNull(invalid["errors"]!["whoCanStart"]);
        await (await steward.Http.PatchAsync($"/api/v1/communities/{slug}/spaces/news", Api.RawJson("""{"allowReplies": "no"}"""))).ShouldFail(HttpStatusCode.BadRequest);
        var space = (await member.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray().Single(s => s!["slug"]!.GetValue<string>() == "news")!;
        Assert.True(space["allowReplies"]!.GetValue<bool>());

        // A private community stays unknown to outsiders, whatever they send.
        var hidden = await steward.NewCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        await steward.AddAnnouncementsAsync(hidden);
        await (await member.PatchAsync($"/api/v1/communities/{hidden}/spaces/news", new { allowReplies = false })).ShouldFail(HttpStatusCode.NotFound);

        // Stewards may open an announcements space to every member, and close a discussion space to replies.
        var opened = await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/news", new { whoCanStart = "Members", description = "Anyone may announce." }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Anyone may announce.", opened["description"]!.GetValue<string>());
        await member.NewTopicAsync(slug, "Bake sale on Saturday", space: "news");
        await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/general", new { allowReplies = false })).ShouldBe(HttpStatusCode.OK);
        var talk = await member.NewTopicIdAsync(slug, "A quiet discussion");
        await (await steward.PostAsync($"/api/v1/topics/{talk}/posts", new { body = "Hello?" })).ShouldFail(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Stewards_set_replies_when_adding_a_space_and_later_from_the_space_page()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var browser = await SignedInAsync(steward);
        var added = await browser.SubmitAsync($"/c/{slug}/spaces", "form#new-space", new Dictionary<string, string>
        {
            ["Name"] = "Notices",
            ["Slug"] = "notices",
            ["Kind"] = "Announcements",
            ["AllowReplies"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var topic = await steward.NewTopicAsync(slug, "Office closed on Monday", space: "notices");
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Noted." })).ShouldFail(HttpStatusCode.Conflict);

        var page = await browser.PageAsync($"/c/{slug}/s/notices");
        Assert.NotNull(page.QuerySelector("[data-testid=no-replies]"));
        var box = (IHtmlInputElement)page.QuerySelector("form#space-settings input[type=checkbox][name=AllowReplies]")!;
        Assert.False(box.IsChecked);
        Assert.NotNull(page.QuerySelector("form#space-settings label[for=AllowReplies]"));
        var saved = await browser.SubmitAsync($"/c/{slug}/s/notices", "form#space-settings", new Dictionary<string, string> { ["AllowReplies"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/c/{slug}/s/notices", saved.Headers.Location!.OriginalString);
        await member.ReplyAsync(topic.Id(), "Noted, thanks.");
        // Ticked boxes post "true" before the hidden "false"; leaving it unticked posts only "false".
        var closed = await browser.SubmitAsync($"/c/{slug}/s/notices", "form#space-settings", new Dictionary<string, string> { ["AllowReplies"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Again." })).ShouldFail(HttpStatusCode.Conflict);

        // Members see no settings form, and a forged one changes nothing.
        var memberBrowser = await SignedInAsync(member);
        var memberPage = await memberBrowser.PageAsync($"/c/{slug}/s/notices");
        Assert.Null(memberPage.QuerySelector("form#space-settings"));
        var token = memberPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await memberBrowser.Http.PostAsync($"/c/{slug}/s/notices/settings",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["AllowReplies"] = "true" }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Still closed?" })).ShouldFail(HttpStatusCode.Conflict);
    }

    // ---- pinning ----

    [Fact]
    public async Task Moderators_pin_topics_which_then_list_first_in_their_space()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var moderator = await app.NewMemberAsync("moderator");
        await moderator.JoinAsync(slug);
        await steward.MakeModeratorAsync(slug, moderator);
        var old = await member.NewTopicIdAsync(slug, "An old but important topic");
        var middle = await member.NewTopicIdAsync(slug, "A middling topic");
        var fresh = await member.NewTopicIdAsync(slug, "The freshest topic");

        await (await member.PostAsync($"/api/v1/topics/{old}/pin", new { pinned = true })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/topics/{old}/pin", Api.RawJson("""{"pinned": true}"""))).StatusCode);
        await (await moderator.PostAsync($"/api/v1/topics/{old}/pin", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await moderator.PostAsync("/api/v1/topics/999999999/pin", new { pinned = true })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal([fresh, middle, old], await app.CreateClient().AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general", 30));

        var pinned = await moderator.PinAsync(old);
        Assert.True(pinned["pinned"]!.GetValue<bool>());
        Assert.Equal(old, pinned.Id());
        Assert.Equal([old, fresh, middle], await app.CreateClient().AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general", 30));
        // The community-wide list stays a list of what is new.
        Assert.Equal([fresh, middle, old], await app.CreateClient().AllTopicIdsAsync($"/api/v1/communities/{slug}/topics", 30));
        var page = await Browser.Open(app).PageAsync($"/c/{slug}/s/general");
        var first = page.QuerySelectorAll("ul.topics > li").First();
        Assert.Equal(old.ToString(System.Globalization.CultureInfo.InvariantCulture), first.GetAttribute("data-topic-id"));
        Assert.NotNull(first.QuerySelector(".badge"));

        await steward.PinAsync(old, pinned: false);
        Assert.Equal([fresh, middle, old], await app.CreateClient().AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general", 30));
        Assert.Equal(2, await app.ScalarAsync(
            "SELECT COUNT(*) FROM audit_log a JOIN communities c ON c.id = a.community_id WHERE c.slug = @Slug AND a.action IN ('pin_topic', 'unpin_topic')",
            new { Slug = slug }));
    }

    [Fact]
    public async Task Paging_a_space_with_pinned_topics_has_no_gaps_or_repeats()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var ids = new List<long>();
        for (var i = 0; i < 9; i++) ids.Add(await member.NewTopicIdAsync(slug, $"Topic number {i}"));
        // Pin an old one, a middle one and the newest: pinned first, then the rest, each newest first.
        foreach (var i in new[] { 1, 4, 8 }) await steward.PinAsync(ids[i]);
        long[] expected = [ids[8], ids[4], ids[1], ids[7], ids[6], ids[5], ids[3], ids[2], ids[0]];

        var client = app.CreateClient();
        foreach (var limit in new[] { 1, 2, 3, 4, 30 })
            Assert.Equal(expected, await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general", limit));

        // New activity moves an unpinned topic to the top of the unpinned ones, never above the pinned.
        await member.ReplyAsync(ids[0], "Bumping the oldest.");
        Assert.Equal([ids[8], ids[4], ids[1], ids[0], ids[7], ids[6], ids[5], ids[3], ids[2]],
            await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general", 2));

        // The space page shows the same order.
        var browser = Browser.Open(app);
        var seen = new List<long>();
        var url = $"/c/{slug}/s/general";
        var first = await browser.PageAsync(url);
        seen.AddRange(first.QuerySelectorAll("ul.topics > li").Select(li => long.Parse(li.GetAttribute("data-topic-id")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([ids[8], ids[4], ids[1], ids[0], ids[7], ids[6], ids[5], ids[3], ids[2]], seen);

        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?space=general&cursor={Hearth.Platform.Web.Page.Encode("1|2|maybe")}"))
            .ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_moderator_pins_and_unpins_from_the_topic_page()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var topic = await member.NewTopicAsync(slug, "Read this first");
        var url = topic["url"]!.GetValue<string>();

        var memberPage = await (await SignedInAsync(member)).PageAsync(url);
        Assert.Null(memberPage.QuerySelector("form#pin"));

        var browser = await SignedInAsync(steward);
        var pinned = await browser.SubmitAsync(url, "form#pin", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        Assert.True((await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["pinned"]!.GetValue<bool>());
        var page = await browser.PageAsync(url);
        Assert.Equal("Unpin", page.QuerySelector("form#pin button")!.TextContent.Trim());
        await browser.SubmitAsync(url, "form#pin", new Dictionary<string, string>());
        Assert.False((await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["pinned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pinning_in_a_private_community_is_unknown_to_outsiders()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        var id = await steward.NewTopicIdAsync(slug, "Members only");
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.PostAsync($"/api/v1/topics/{id}/pin", new { pinned = true })).ShouldFail(HttpStatusCode.NotFound);
        Assert.False((await steward.GetJsonAsync($"/api/v1/topics/{id}"))["pinned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_announcement_routes_are_in_the_openapi_document()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/communities/{slug}/spaces/{space}"]?["patch"]?["summary"]);
        Assert.NotNull(paths["/api/v1/topics/{id}/pin"]?["post"]?["summary"]);
    }

    // ---- seen by ----

    [Fact]
    public async Task An_announcement_counts_each_member_who_opens_it_once()
    {
        var (slug, steward, first) = await CommunityWithMemberAsync();
        var second = await app.NewMemberAsync("second");
        await second.JoinAsync(slug);
        await steward.AddAnnouncementsAsync(slug);
        var topic = await steward.NewTopicAsync(slug, "New opening hours", space: "news");
        var id = topic.Id();
        Assert.Equal(0, topic["seenCount"]!.GetValue<int>());

        // The author, outsiders and anonymous readers of a public community are not counted.
        Assert.Equal(0, await steward.Http.SeenCountAsync(id));
        var outsider = await app.NewMemberAsync("outsider");
        Assert.Equal(0, await outsider.Http.SeenCountAsync(id));
        Assert.Equal(0, await app.CreateClient().SeenCountAsync(id));

        Assert.Equal(1, await first.Http.SeenCountAsync(id));
        Assert.Equal(1, await first.Http.SeenCountAsync(id));
        Assert.Equal(1, await first.Http.SeenCountAsync(id));

        // Opening the page counts too, once, and the page says of how many.
        var browser = await SignedInAsync(second);
        var page = await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.Equal("Seen by 2 of 2 members", page.QuerySelector("[data-testid=seen-by]")!.TextContent.Trim());
        await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.Equal(2, await outsider.Http.SeenCountAsync(id));
        Assert.Equal(2, await app.ScalarAsync("SELECT COUNT(*) FROM topic_views WHERE topic_id = @Id", new { Id = id }));
        Assert.Equal(2, await app.ScalarAsync("SELECT seen_count FROM topics WHERE id = @Id", new { Id = id }));

        // A former member is no longer counted in, nor in the audience.
        var third = await app.NewMemberAsync("third");
        await third.JoinAsync(slug);
        await third.LeaveAsync(slug);
        Assert.Equal(2, await third.Http.SeenCountAsync(id));
        var again = await (await SignedInAsync(first)).PageAsync(topic["url"]!.GetValue<string>());
        Assert.Equal("Seen by 2 of 2 members", again.QuerySelector("[data-testid=seen-by]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Topics_outside_announcements_spaces_keep_no_seen_count()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var topic = await steward.NewTopicAsync(slug, "Just chatting");
        Assert.Null(topic["seenCount"]?.GetValue<int?>());
        Assert.Null(await member.Http.SeenCountAsync(topic.Id()));
        var page = await (await SignedInAsync(member)).PageAsync(topic["url"]!.GetValue<string>());
        Assert.Null(page.QuerySelector("[data-testid=seen-by]"));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM topic_views WHERE topic_id = @Id", new { Id = topic.Id() }));
    }

    [Fact]
    public async Task Members_opening_announcements_at_the_same_time_are_each_counted_once()
    {
        var (slug, steward, _) = await CommunityWithMemberAsync();
        await steward.AddAnnouncementsAsync(slug);
        var id = (await steward.NewTopicAsync(slug, "Everyone read this", space: "news")).Id();
        var readers = new List<Member>();
        for (var i = 0; i < 4; i++)
        {
            var reader = await app.NewMemberAsync("reader");
            await reader.JoinAsync(slug);
            readers.Add(reader);
        }
        await Task.WhenAll(readers.SelectMany(r => new[] { r.Http.SeenCountAsync(id), r.Http.SeenCountAsync(id) }));
        Assert.Equal(4, await app.CreateClient().SeenCountAsync(id));
        Assert.Equal(4, await app.ScalarAsync("SELECT COUNT(*) FROM topic_views WHERE topic_id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Recording_a_sighting_costs_one_command_and_a_repeat_visit_none()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        await steward.AddAnnouncementsAsync(slug);
        var shortOne = await steward.NewTopicAsync(slug, "A short announcement", space: "news");
        var longOne = await steward.NewTopicAsync(slug, "A long announcement", space: "news");
        for (var i = 0; i < 40; i++) await steward.ReplyAsync(longOne.Id(), $"Follow-up {i}.");
        var browser = await SignedInAsync(member);
        await browser.PageAsync("/"); // warm-up: the key ring and view compilation are not the page's cost

        async Task<int> CountAsync(Func<Task> request)
        {
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

        var firstShort = await CountAsync(() => browser.PageAsync(shortOne["url"]!.GetValue<string>()));
        var repeatShort = await CountAsync(() => browser.PageAsync(shortOne["url"]!.GetValue<string>()));
        var firstLong = await CountAsync(() => browser.PageAsync(longOne["url"]!.GetValue<string>()));
        var repeatLong = await CountAsync(() => browser.PageAsync(longOne["url"]!.GetValue<string>()));
        // A first visit records the sighting and the reader's position (Conversation's read state): one command each.
        Assert.Equal(repeatShort + 2, firstShort);
        Assert.Equal(firstShort, firstLong);
        Assert.Equal(repeatShort, repeatLong);
        Assert.InRange(repeatLong, 1, 3);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AnnouncementsOnSqlite(SqliteApp app) : AnnouncementsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AnnouncementsOnPostgres(PostgresApp app) : AnnouncementsSpec(app);
