using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Discussions;

public abstract class DiscussionsSpec(HearthApp app)
{
    [Fact]
    public async Task Every_community_starts_with_a_general_discussion_space()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var spaces = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/spaces");
        var general = Assert.Single(spaces["items"]!.AsArray())!;
        Assert.Equal("general", general["slug"]!.GetValue<string>());
        Assert.Equal("Discussion", general["kind"]!.GetValue<string>());
        Assert.Equal(0, general["topicCount"]!.GetValue<int>());
        Assert.NotNull(general["name"]);
        Assert.NotNull(general["description"]);
        Assert.Null(spaces["next"]);
    }

    [Fact]
    public async Task Starting_a_topic_answers_201_with_its_address_and_first_post()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "  Welcome, everyone!  ", "Hello **all**.", tags: ["Intro", "meta", "intro"]);

        var id = topic.Id();
        Assert.Equal("Welcome, everyone!", topic["title"]!.GetValue<string>());
        Assert.Equal("welcome-everyone", topic["slug"]!.GetValue<string>());
        Assert.Equal($"/t/{id}/welcome-everyone", topic["url"]!.GetValue<string>());
        Assert.Equal("Discussion", topic["kind"]!.GetValue<string>());
        Assert.Equal("general", topic["space"]!["slug"]!.GetValue<string>());
        Assert.Equal(slug, topic["community"]!["slug"]!.GetValue<string>());
        Assert.Equal(steward.UserName, topic["author"]!["userName"]!.GetValue<string>());
        Assert.Equal(["intro", "meta"], topic["tags"].Strings());
        var first = Assert.Single(topic["posts"]!.AsArray())!;
        Assert.Equal(1, first["postNumber"]!.GetValue<int>());
        Assert.Contains("<strong>all</strong>", first["bodyHtml"]!.GetValue<string>());
        Assert.Equal(steward.UserName, first["author"]!["userName"]!.GetValue<string>());

        var read = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}");
        Assert.Equal(id, read.Id());
        Assert.Equal(0, read["replyCount"]!.GetValue<int>());
        Assert.False(read["locked"]!.GetValue<bool>());
        Assert.False(read["pinned"]!.GetValue<bool>());
        Assert.Null(read["next"]);
    }

    [Fact]
    public async Task Replies_are_numbered_and_every_counter_follows()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var topic = await steward.NewTopicAsync(slug);
        var id = topic.Id();
        var opening = topic["posts"]![0]!.Id();

        var first = await member.ReplyAsync(id, "Me too.", replyTo: opening);
        Assert.Equal(2, first["postNumber"]!.GetValue<int>());
        Assert.Equal(id, first["topicId"]!.GetValue<long>());
        Assert.Equal(opening, first["replyTo"]!.GetValue<long>());
        var second = await steward.ReplyAsync(id, "Good.");
        Assert.Equal(3, second["postNumber"]!.GetValue<int>());

        var read = await member.GetJsonAsync($"/api/v1/topics/{id}");
        Assert.Equal(2, read["replyCount"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], read["posts"]!.AsArray().Select(p => p!["postNumber"]!.GetValue<int>()));
        Assert.Equal(opening, read["posts"]![1]!["replyTo"]!.GetValue<long>());
        Assert.Null(read["posts"]![2]!["replyTo"]?.GetValue<long?>());
        Assert.Equal(member.UserName, read["posts"]![1]!["author"]!["userName"]!.GetValue<string>());

        var listed = Assert.Single((await member.GetJsonAsync($"/api/v1/communities/{slug}/topics"))["items"]!.AsArray())!;
        Assert.Equal(2, listed["replyCount"]!.GetValue<int>());
        Assert.Equal("general", listed["space"]!.GetValue<string>());
        Assert.True(listed["lastActivityAt"]!.GetValue<DateTime>() >= listed["createdAt"]!.GetValue<DateTime>());
        Assert.Equal(1, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["topicCount"]!.GetValue<int>());
        Assert.Equal(1, (await member.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]![0]!["topicCount"]!.GetValue<int>());

        var footprint = await app.FootprintAsync(slug);
        Assert.Equal(3, footprint.Posts);
        Assert.Equal(3, footprint.Events);
        Assert.Equal(3, await app.ScalarAsync("SELECT post_count FROM topics WHERE id = @Id", new { Id = id }));
        Assert.Equal(steward.Id, await app.ScalarAsync("SELECT last_post_user_id FROM topics WHERE id = @Id", new { Id = id }));
        Assert.Equal(2, await app.ScalarAsync("SELECT COUNT(*) FROM activity_events WHERE topic_id = @Id AND kind = 'replied'", new { Id = id }));
    }

    [Fact]
    public async Task Markdown_comes_back_escaped_and_without_unsafe_links()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        const string evil = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) and [ok](https://example.org)";
        var topic = await steward.NewTopicAsync(slug, body: evil);
        var reply = await steward.ReplyAsync(topic.Id(), evil);

        foreach (var html in new[] { topic["posts"]![0]!["bodyHtml"]!.GetValue<string>(), reply["bodyHtml"]!.GetValue<string>() })
        {
            var fragment = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
            Assert.Empty(fragment.QuerySelectorAll("script"));
            Assert.Empty(fragment.QuerySelectorAll("img"));
            Assert.Empty(fragment.QuerySelectorAll("[onerror]"));
            Assert.DoesNotContain(fragment.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("&lt;script&gt;", html);
            var ok = Assert.Single(fragment.QuerySelectorAll("a"));
            Assert.Equal("https://example.org", ok.GetAttribute("href"));
            Assert.Equal("nofollow ugc noopener", ok.GetAttribute("rel"));
        }
    }

    [Fact]
    public async Task Only_stewards_add_spaces_and_their_slugs_are_unique()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var outsider = await app.NewMemberAsync();

        var ideas = await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Ideas", slug = "ideas", kind = "Ideas", description = "What next?" }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal("ideas", ideas["slug"]!.GetValue<string>());
        Assert.Equal("Ideas", ideas["kind"]!.GetValue<string>());
        Assert.Equal("What next?", ideas["description"]!.GetValue<string>());

        await (await member.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Mine", slug = "mine", kind = "Discussion" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Mine", slug = "mine", kind = "Discussion" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Again", slug = "ideas", kind = "Discussion" })).ShouldFail(HttpStatusCode.Conflict);
        var badKind = await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Polls", slug = "polls", kind = "Polls" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badKind["errors"]!["kind"]);
        var badSlug = await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = "Bad", slug = "Not a slug", kind = "Discussion" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badSlug["errors"]!["slug"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/communities/{slug}/spaces", Api.RawJson("""{"name":"x","slug":"xx","kind":"Ideas"}"""))).StatusCode);

        var spaces = await member.GetJsonAsync($"/api/v1/communities/{slug}/spaces");
        Assert.Equal(["general", "ideas"], spaces["items"]!.AsArray().Select(s => s!["slug"]!.GetValue<string>()));

        var hidden = await (await app.NewMemberAsync()).NewCommunityAsync(b => b["visibility"] = "Private");
        await (await outsider.PostAsync($"/api/v1/communities/{hidden}/spaces", new { name = "Mine", slug = "mine", kind = "Discussion" })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_announcements_space_refuses_topics_from_ordinary_members()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await steward.AddSpaceAsync(slug, "news", "Announcements");

        var refused = await member.PostAsync($"/api/v1/communities/{slug}/topics", new { space = "news", title = "My news", body = "Hear ye." });
        await refused.ShouldFail(HttpStatusCode.Forbidden);
        var announced = await steward.NewTopicAsync(slug, "Our first meetup", space: "news");
        Assert.Equal("Announcements", announced["kind"]!.GetValue<string>());
        Assert.Equal("news", announced["space"]!["slug"]!.GetValue<string>());
        // Members still reply to announcements.
        await member.ReplyAsync(announced.Id());
        Assert.Equal(1, (await app.FootprintAsync(slug)).Topics);
    }

    [Fact]
    public async Task A_private_communitys_topics_are_unknown_to_outsiders()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        var id = await steward.NewTopicIdAsync(slug);
        var outsider = await app.NewMemberAsync();
        var anonymous = app.CreateClient();

        foreach (var client in new[] { outsider.Http, anonymous })
        {
            await (await client.GetAsync($"/api/v1/communities/{slug}/topics")).ShouldFail(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/communities/{slug}/spaces")).ShouldFail(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/topics/{id}")).ShouldFail(HttpStatusCode.NotFound);
        }
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/topics", new { title = "Sneaking in", body = "Hi." })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Hi." })).ShouldFail(HttpStatusCode.NotFound);
        // Even invalid input reveals nothing: access is decided first.
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/topics", new { title = "", body = "" })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/posts", new { body = "" })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(1, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task A_restricted_community_is_visible_but_its_topics_are_for_members()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(b => b["visibility"] = "Restricted");
        var id = await steward.NewTopicIdAsync(slug);
        var outsider = await app.NewMemberAsync();

        await outsider.GetJsonAsync($"/api/v1/communities/{slug}");
        await (await outsider.GetAsync($"/api/v1/communities/{slug}/topics")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/topics/{id}")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/topics/{id}")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/topics", new { title = "Hello there", body = "Hi." })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Hi." })).ShouldFail(HttpStatusCode.NotFound);

        await outsider.JoinAsync(slug);
        Assert.Single((await outsider.GetJsonAsync($"/api/v1/communities/{slug}/topics"))["items"]!.AsArray());
        await outsider.ReplyAsync(id);
    }

    [Fact]
    public async Task A_public_community_is_read_by_anyone_but_only_members_post()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);
        var outsider = await app.NewMemberAsync();
        var anonymous = app.CreateClient();

        Assert.Single((await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/topics"))["items"]!.AsArray());
        await anonymous.GetJsonAsync($"/api/v1/topics/{id}");
        await outsider.GetJsonAsync($"/api/v1/topics/{id}");

        await (await outsider.PostAsync($"/api/v1/communities/{slug}/topics", new { title = "Hello there", body = "Hi." })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Hi." })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/topics/{id}/posts", Api.RawJson("""{"body":"Hi."}"""))).StatusCode);
        Assert.Equal(1, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task A_member_who_left_loses_access_to_a_restricted_communitys_topics_at_once()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(b => b["visibility"] = "Restricted");
        var id = await steward.NewTopicIdAsync(slug);
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await member.ReplyAsync(id);
        await member.GetJsonAsync($"/api/v1/topics/{id}");

        await member.LeaveAsync(slug);
        await (await member.GetAsync($"/api/v1/topics/{id}")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/communities/{slug}/topics")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Still here?" })).ShouldFail(HttpStatusCode.NotFound);
        await (await member.PostAsync($"/api/v1/communities/{slug}/topics", new { title = "Still here?", body = "?" })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(2, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task Replying_to_a_locked_topic_is_refused()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);
        await app.LockAsync(id);

        var problem = await (await steward.PostAsync($"/api/v1/topics/{id}/posts", new { body = "One more thing." })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("locked", problem["title"]!.GetValue<string>());
        var topic = await steward.GetJsonAsync($"/api/v1/topics/{id}");
        Assert.True(topic["locked"]!.GetValue<bool>());
        Assert.Equal(0, topic["replyCount"]!.GetValue<int>());
        Assert.Equal(1, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task Topic_lists_page_by_latest_activity_without_duplicates_or_gaps()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await steward.NewTopicIdAsync(slug, $"Topic number {i}"));
        // A reply brings the oldest topic back to the top.
        await steward.ReplyAsync(ids[0]);
        long[] expected = [ids[0], ids[4], ids[3], ids[2], ids[1]];

        foreach (var query in new[] { "", "&space=general" })
        {
            var seen = new List<long>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await steward.GetJsonAsync($"/api/v1/communities/{slug}/topics?limit=2{query}" + (cursor is null ? "" : $"&cursor={cursor}"));
                var items = page["items"]!.AsArray();
                Assert.True(items.Count <= 2);
                seen.AddRange(items.Select(t => t!.Id()));
                cursor = page["next"]?.GetValue<string>();
                pages++;
            } while (cursor is not null && pages < 10);
            Assert.Equal(expected, seen);
            Assert.Equal(3, pages);
        }
        var other = await steward.AddSpaceAsync(slug, "other");
        Assert.Empty((await steward.GetJsonAsync($"/api/v1/communities/{slug}/topics?space=other"))["items"]!.AsArray());
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Topic_pages_page_by_post_number_without_duplicates_or_gaps()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);
        for (var i = 0; i < 4; i++) await steward.ReplyAsync(id, $"Reply {i}");

        var numbers = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            numbers.AddRange(page["posts"]!.AsArray().Select(p => p!["postNumber"]!.GetValue<int>()));
            Assert.Equal(id, page.Id());
            cursor = page["next"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);
        Assert.Equal([1, 2, 3, 4, 5], numbers);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Unknown_spaces_topics_and_bad_cursors_are_client_errors()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);
        var client = app.CreateClient();

        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?space=nowhere")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/communities/nope{slug}/topics")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?cursor=bm90LWEtY3Vyc29y")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?sort=sideways")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/topics/{id}?cursor=!!")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/topics/{id + 100_000}")).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync($"/api/v1/topics/{id + 100_000}/posts", new { body = "Hello?" })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_topics_are_refused_with_each_field_named_and_nothing_written()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var cases = new (object Body, string Field)[]
        {
            (new { body = "Body." }, "title"),
            (new { title = "  ", body = "Body." }, "title"),
            (new { title = "ab", body = "Body." }, "title"),
            (new { title = new string('t', 201), body = "Body." }, "title"),
            (new { title = "A fine title" }, "body"),
            (new { title = "A fine title", body = " \n " }, "body"),
            (new { title = "A fine title", body = new string('b', 50_001) }, "body"),
            (new { title = "A fine title", body = "Body.", tags = new[] { "a", "b", "c", "d", "e", "f" } }, "tags"),
            (new { title = "A fine title", body = "Body.", tags = new[] { "not a slug!" } }, "tags"),
            (new { title = "A fine title", body = "Body.", tags = new[] { new string('t', 31) } }, "tags"),
            (new { title = "A fine title", body = "Body.", tags = new[] { "" } }, "tags"),
            (new { title = "A fine title", body = "Body.", space = "nowhere" }, "space"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await steward.PostAsync($"/api/v1/communities/{slug}/topics", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?[field] is not null, $"Expected an error for {field}: {problem.ToJsonString()}");
        }
        var footprint = await app.FootprintAsync(slug);
        Assert.Equal((0, 0, 0, 0), (footprint.Topics, footprint.Posts, footprint.TopicCount, footprint.Events));

        // The limits themselves are allowed.
        await steward.NewTopicAsync(slug, "abc", new string('b', 50_000), tags: ["a", "b", "c", "d", new string('t', 30)]);
        await steward.NewTopicAsync(slug, new string('t', 200));
        Assert.Equal(2, (await app.FootprintAsync(slug)).TopicCount);
    }

    [Fact]
    public async Task Invalid_replies_are_refused_and_nothing_written()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);
        var elsewhere = await steward.NewTopicAsync(slug, "Another topic");
        var foreignPost = elsewhere["posts"]![0]!.Id();

        var cases = new (object Body, string Field)[]
        {
            (new { }, "body"),
            (new { body = "" }, "body"),
            (new { body = new string('b', 50_001) }, "body"),
            (new { body = "Answering elsewhere.", replyTo = foreignPost }, "replyTo"),
            (new { body = "Answering nothing.", replyTo = foreignPost + 100_000 }, "replyTo"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await steward.PostAsync($"/api/v1/topics/{id}/posts", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?[field] is not null, $"Expected an error for {field}: {problem.ToJsonString()}");
        }
        var footprint = await app.FootprintAsync(slug);
        Assert.Equal((2, 2, 0L, 2), (footprint.Topics, footprint.Posts, footprint.Replies ?? 0, footprint.Events));
    }

    [Fact]
    public async Task Malformed_json_and_wrong_content_types_are_client_errors_that_write_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug);

        foreach (var url in new[] { $"/api/v1/communities/{slug}/topics", $"/api/v1/topics/{id}/posts", $"/api/v1/communities/{slug}/spaces" })
        {
            await (await steward.Http.PostAsync(url, Api.RawJson("{\"title\": "))).ShouldFail(HttpStatusCode.BadRequest);
            await (await steward.Http.PostAsync(url, Api.RawJson("""{"title": 5, "body": ["x"], "tags": "x", "replyTo": "x", "name": 5}"""))).ShouldFail(HttpStatusCode.BadRequest);
            await (await steward.Http.PostAsync(url, new StringContent("title=x&body=y", System.Text.Encoding.UTF8, "text/plain")))
                .ShouldFail(HttpStatusCode.UnsupportedMediaType);
        }
        var footprint = await app.FootprintAsync(slug);
        Assert.Equal((1, 1, 1), (footprint.Topics, footprint.Posts, footprint.Events));
        Assert.Single((await steward.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_topic_page_and_list_run_a_fixed_number_of_queries_whatever_their_length()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var shortTopic = await steward.NewTopicAsync(slug, "A short topic");
        for (var i = 0; i < 2; i++) await steward.ReplyAsync(shortTopic.Id(), $"Short reply {i}");
        var longTopic = await steward.NewTopicAsync(slug, "A long topic", tags: ["long", "busy"]);
        for (var i = 0; i < 119; i++) await steward.ReplyAsync(longTopic.Id(), $"Long reply {i} with a [link](https://example.org/{i}).");
        var busy = await steward.NewCommunityAsync();
        for (var i = 0; i < 12; i++) await steward.NewTopicAsync(busy, $"Busy topic {i}", tags: ["t" + i]);
        var quiet = await steward.NewCommunityAsync();
        await steward.NewTopicAsync(quiet, "Lonely topic");

        var client = app.CreateClient();
        var browser = Browser.Open(app);
        async Task<int> CountAsync(Func<Task> request)
        {
            await request(); // warm-up: start-up work (key ring, view compilation) is not the page's cost
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

        var apiShort = await CountAsync(async () => await client.GetJsonAsync($"/api/v1/topics/{shortTopic.Id()}"));
        var apiLong = await CountAsync(async () =>
        {
            var topic = await client.GetJsonAsync($"/api/v1/topics/{longTopic.Id()}");
            Assert.Equal(30, topic["posts"]!.AsArray().Count);
        });
        var pageShort = await CountAsync(async () => await browser.PageAsync(shortTopic["url"]!.GetValue<string>()));
        var pageLong = await CountAsync(async () =>
        {
            var page = await browser.PageAsync(longTopic["url"]!.GetValue<string>());
            Assert.Equal(30, page.QuerySelectorAll("article.post").Length);
        });
        var listQuiet = await CountAsync(async () => await client.GetJsonAsync($"/api/v1/communities/{quiet}/topics"));
        var listBusy = await CountAsync(async () => await client.GetJsonAsync($"/api/v1/communities/{busy}/topics?space=general"));
        var homeQuiet = await CountAsync(async () => await browser.PageAsync($"/c/{quiet}"));
        var homeBusy = await CountAsync(async () => await browser.PageAsync($"/c/{busy}"));

        Assert.Equal(apiShort, apiLong);
        Assert.Equal(pageShort, pageLong);
        Assert.Equal(listQuiet, listBusy);
        Assert.Equal(homeQuiet, homeBusy);
        Assert.InRange(apiLong, 1, 3);
        Assert.InRange(pageLong, 1, 3);
        Assert.InRange(listBusy, 1, 3);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class DiscussionsOnSqlite(SqliteApp app) : DiscussionsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class DiscussionsOnPostgres(PostgresApp app) : DiscussionsSpec(app);
