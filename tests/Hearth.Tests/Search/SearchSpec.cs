using System.Net;
using AngleSharp.Html.Parser;
using Dapper;
using Hearth.Features.Search;
using Hearth.Platform.Data;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using static Hearth.Tests.Search.SearchSteps;

namespace Hearth.Tests.Search;

public abstract class SearchSpec(HearthApp app)
{
    // ---- finding things ----

    [Fact]
    public async Task A_topic_is_found_by_a_word_of_its_title_and_a_reply_by_a_word_of_its_body()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var inTitle = Word();
        var inReply = Word();
        var topic = await steward.NewTopicAsync(slug, $"Caring for {inTitle} plants", "Water them weekly.");
        var reply = await steward.ReplyAsync(topic.Id(), $"Mine like {inReply} fertiliser.");
        var anonymous = app.CreateClient();

        var byTitle = Assert.Single(await anonymous.SearchAsync(Q(inTitle)))!;
        Assert.Equal("topic", byTitle["type"]!.GetValue<string>());
        Assert.Equal(topic.Id(), byTitle["id"]!.GetValue<long>());
        Assert.Equal($"Caring for {inTitle} plants", byTitle["title"]!.GetValue<string>());
        Assert.Equal(topic["url"]!.GetValue<string>(), byTitle["url"]!.GetValue<string>());
        Assert.Equal(slug, byTitle["community"]!["slug"]!.GetValue<string>());
        Assert.Equal(steward.UserName, byTitle["author"]!["userName"]!.GetValue<string>());
        Assert.True(byTitle["score"]!.GetValue<double>() > 0);
        Assert.NotNull(byTitle["createdAt"]);

        var byBody = Assert.Single(await anonymous.SearchAsync(Q(inReply)))!;
        Assert.Equal("post", byBody["type"]!.GetValue<string>());
        Assert.Equal(reply.Id(), byBody["id"]!.GetValue<long>());
        Assert.Equal(2, byBody["postNumber"]!.GetValue<int>());
        Assert.Equal(topic.Id(), byBody["topicId"]!.GetValue<long>());
        Assert.EndsWith("#post-2", byBody["url"]!.GetValue<string>());
        Assert.Contains($"<mark>{inReply}</mark>", byBody["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_word_must_match_and_a_quoted_phrase_keeps_its_words_together()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var (a, b) = (Word(), Word());
        var both = await steward.NewTopicAsync(slug, "Both words here", $"{a} and then {b}.");
        var adjacent = await steward.NewTopicAsync(slug, "Adjacent words here", $"Say {b} {a} quickly.");
        await steward.NewTopicAsync(slug, "Only one word here", $"Just {a}.");
        var client = app.CreateClient();

        var all = await client.SearchAsync(Q($"{a} {b}"));
        Assert.Equal(new[] { both.Id(), adjacent.Id() }.Order(), all.Ids().Order());
        var phrase = Assert.Single(await client.SearchAsync(Q($"\"{b} {a}\"")))!;
        Assert.Equal(adjacent.Id(), phrase["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Members_are_found_by_user_name_display_name_and_bio()
    {
        var member = await app.NewMemberAsync("findme");
        var bioWord = Word();
        await app.ScalarAsync("UPDATE users SET bio = @Bio, display_name = @Name WHERE id = @Id",
            new { Bio = $"I grow {bioWord} tomatoes.", Name = "Quinta Marigold", member.Id });
        var client = app.CreateClient();

        Assert.Contains(member.Id, (await client.SearchAsync(Q(member.UserName) + "&type=member")).Ids());
        var byBio = Assert.Single(await client.SearchAsync(Q(bioWord)))!;
        Assert.Equal("member", byBio["type"]!.GetValue<string>());
        Assert.Equal(member.Id, byBio["id"]!.GetValue<long>());
        Assert.Equal("Quinta Marigold", byBio["title"]!.GetValue<string>());
        Assert.Equal($"/u/{member.UserName}", byBio["url"]!.GetValue<string>());
        Assert.Contains($"<mark>{bioWord}</mark>", byBio["snippet"]!.GetValue<string>());
        Assert.Null(byBio["community"]?.GetValue<object>());
        Assert.Contains(member.Id, (await client.SearchAsync(Q($"Quinta {bioWord}"))).Ids());
    }

    // ---- visibility ----

    [Fact]
    public async Task Restricted_and_private_content_is_found_only_by_active_members()
    {
        var steward = await app.NewMemberAsync("steward");
        var word = Word();
        var restricted = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var secret = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var open = await steward.NewCommunityAsync();
        await steward.NewTopicAsync(restricted, $"Restricted {word}", "For members.");
        await steward.NewTopicAsync(secret, $"Secret {word}", "For members.");
        await steward.NewTopicAsync(open, $"Public {word}", "For all.");
        var outsider = await app.NewMemberAsync("outsider");
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(restricted);

        Assert.Equal([$"Public {word}"], (await app.CreateClient().SearchAsync(Q(word))).Titles());
        Assert.Equal([$"Public {word}"], (await outsider.SearchAsync(Q(word))).Titles());
        Assert.Equal([$"Public {word}", $"Restricted {word}"], (await member.SearchAsync(Q(word))).Titles().Order());
        Assert.Equal([$"Public {word}", $"Restricted {word}", $"Secret {word}"], (await steward.SearchAsync(Q(word))).Titles().Order());

        await member.LeaveAsync(restricted);
        Assert.Equal([$"Public {word}"], (await member.SearchAsync(Q(word))).Titles());
        // Naming a private community changes nothing: it stays unknown.
        await (await outsider.GetAsync($"/api/v1/search?{Q(word)}&community={secret}")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Empty(await outsider.SearchAsync($"{Q(word)}&community={restricted}"));
    }

    [Fact]
    public async Task Searching_a_community_for_members_lists_its_active_members_only_to_those_who_may_read_it()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var surname = Word();
        var inside = await app.NewMemberAsync("inside");
        var outside = await app.NewMemberAsync("outside");
        await inside.JoinAsync(slug);
        await app.ScalarAsync("UPDATE users SET display_name = @Name WHERE id IN (@A, @B)", new { Name = $"Robin {surname}", A = inside.Id, B = outside.Id });

        Assert.Equal(new[] { inside.Id, outside.Id }.Order(), (await steward.SearchAsync(Q(surname) + "&type=member")).Ids().Order());
        Assert.Equal([inside.Id], (await steward.SearchAsync($"{Q(surname)}&type=member&community={slug}")).Ids());
        Assert.Empty(await outside.SearchAsync($"{Q(surname)}&type=member&community={slug}"));
    }

    // ---- filters ----

    [Fact]
    public async Task Results_can_be_narrowed_by_community_author_tag_kind_solved_and_type()
    {
        var steward = await app.NewMemberAsync("steward");
        var other = await app.NewMemberAsync("other");
        var word = Word();
        var first = await steward.NewCommunityAsync();
        var second = await steward.NewCommunityAsync();
        await other.JoinAsync(first);
        await steward.AddSpaceAsync(first, "qa", "Questions");
        var question = await steward.NewTopicAsync(first, $"Question about {word}", "How?", space: "qa", tags: ["soil"]);
        var answer = await other.ReplyAsync(question.Id(), $"Like this {word}.");
        var chat = await other.NewTopicAsync(first, $"Chat about {word}", "Hello.", tags: ["compost"]);
        var elsewhere = await steward.NewTopicAsync(second, $"Elsewhere {word}", "Hi.");
        await app.ScalarAsync("UPDATE topics SET accepted_post_id = @Post WHERE id = @Topic", new { Post = answer.Id(), Topic = question.Id() });
        var client = app.CreateClient();

        Assert.Equal(4, (await client.SearchAsync(Q(word))).Count);
        Assert.Equal([elsewhere.Id()], (await client.SearchAsync($"{Q(word)}&community={second}")).Ids());
        Assert.Equal(new[] { answer.Id(), chat.Id() }.Order(), (await client.SearchAsync($"{Q(word)}&author={other.UserName.ToUpperInvariant()}")).Ids().Order());
        Assert.Equal([chat.Id()], (await client.SearchAsync($"{Q(word)}&tag=compost")).Ids());
        Assert.Equal([question.Id()], (await client.SearchAsync($"{Q(word)}&tag=soil&type=topic")).Ids());
        Assert.Equal(new[] { question.Id(), answer.Id() }.Order(), (await client.SearchAsync($"{Q(word)}&kind=Questions")).Ids().Order());
        Assert.Equal(new[] { question.Id(), answer.Id() }.Order(), (await client.SearchAsync($"{Q(word)}&solved=true")).Ids().Order());
        Assert.Equal(new[] { chat.Id(), elsewhere.Id() }.Order(), (await client.SearchAsync($"{Q(word)}&solved=false")).Ids().Order());
        Assert.Equal(["post"], (await client.SearchAsync($"{Q(word)}&type=post")).Types());
        Assert.Equal(["topic", "topic", "topic"], (await client.SearchAsync($"{Q(word)}&type=topic")).Types());
        Assert.Empty(await client.SearchAsync($"{Q(word)}&author=nobody_at_all"));
    }

    [Fact]
    public async Task Results_can_be_narrowed_to_a_date_range()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        var old = await steward.NewTopicAsync(slug, $"Old {word}", "Back then.");
        var recent = await steward.NewTopicAsync(slug, $"Recent {word}", "Just now.");
        await app.ScalarAsync("UPDATE posts SET created_at = @At WHERE id = @Id",
            new { At = new DateTime(2020, 3, 15, 12, 0, 0, DateTimeKind.Utc), Id = old["posts"]![0]!.Id() });
        var client = app.CreateClient();

        Assert.Equal([old.Id()], (await client.SearchAsync($"{Q(word)}&from=2020-03-15&to=2020-03-15")).Ids());
        Assert.Equal([old.Id()], (await client.SearchAsync($"{Q(word)}&to=2020-12-31")).Ids());
        Assert.Equal([recent.Id()], (await client.SearchAsync($"{Q(word)}&from=2021-01-01")).Ids());
        Assert.Empty(await client.SearchAsync($"{Q(word)}&from=2020-03-16&to=2020-12-31"));
        Assert.Equal([old.Id()], (await client.SearchAsync($"{Q(word)}&from=2020-03-15T11:00:00Z&to=2020-03-15T13:00:00Z")).Ids());
    }

    [Fact]
    public async Task Filters_that_make_no_sense_are_refused_with_their_field()
    {
        var client = app.CreateClient();
        async Task Refused(string query, string field)
        {
            var problem = await (await client.GetAsync("/api/v1/search?" + query)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]![field]);
        }
        await Refused("q=", "q");
        await Refused("type=robots&q=x", "type");
        await Refused("kind=Podcasts&q=x", "kind");
        await Refused("solved=maybe&q=x", "solved");
        await Refused("from=yesterday&q=x", "from");
        await Refused("from=2024-05-02&to=2024-05-01&q=x", "to");
        await Refused("q=" + new string('a', 201), "q");
        await (await client.GetAsync("/api/v1/search?q=x&cursor=!!!")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/search?q=x&cursor=" + Hearth.Platform.Web.Page.Encode("1|2"))).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/search?q=x&community=no-such-place")).ShouldFail(HttpStatusCode.NotFound);
    }

    // ---- the index follows the tables ----

    [Fact]
    public async Task Edited_posts_and_retitled_topics_are_found_by_their_new_words_only()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var (before, after, oldTitle, newTitle) = (Word(), Word(), Word(), Word());
        var topic = await steward.NewTopicAsync(slug, $"Title {oldTitle}", "Opening.");
        var reply = await steward.ReplyAsync(topic.Id(), $"Draft {before}.");
        var client = app.CreateClient();

        await app.ScalarAsync("UPDATE posts SET body = @Body WHERE id = @Id", new { Body = $"Final {after}.", Id = reply.Id() });
        await app.ScalarAsync("UPDATE topics SET title = @Title WHERE id = @Id", new { Title = $"Title {newTitle}", Id = topic.Id() });

        Assert.Empty(await client.SearchAsync(Q(before)));
        Assert.Equal([reply.Id()], (await client.SearchAsync(Q(after))).Ids());
        Assert.Empty(await client.SearchAsync(Q(oldTitle)));
        var retitled = Assert.Single(await client.SearchAsync(Q(newTitle)))!;
        Assert.Equal($"Title {newTitle}", retitled["title"]!.GetValue<string>());
        await AssertIndexInStepAsync();
    }

    [Fact]
    public async Task Hidden_and_deleted_posts_leave_the_results_and_restored_ones_return()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        var topic = await steward.NewTopicAsync(slug, "A topic to moderate", $"Opening {word}.");
        var reply = await steward.ReplyAsync(topic.Id(), $"Reply {word}.");
        var doomed = await steward.NewTopicAsync(slug, "A topic to delete", $"Doomed {word}.");
        await steward.ReplyAsync(doomed.Id(), $"Doomed reply {word}.");
        var client = app.CreateClient();
        Assert.Equal(4, (await client.SearchAsync(Q(word))).Count);

        await app.ScalarAsync("UPDATE posts SET state = 'Hidden' WHERE id = @Id", new { Id = reply.Id() });
        await app.ScalarAsync("UPDATE posts SET state = 'Deleted' WHERE id = @Id", new { Id = topic["posts"]![0]!.Id() });
        await app.ScalarAsync("DELETE FROM topics WHERE id = @Id", new { Id = doomed.Id() });
        Assert.Empty(await client.SearchAsync(Q(word)));
        Assert.Empty(await client.SearchAsync(Q(word) + $"&community={slug}"));
        await AssertIndexInStepAsync();

        await app.ScalarAsync("UPDATE posts SET state = 'Visible' WHERE id = @Id", new { Id = reply.Id() });
        Assert.Equal([reply.Id()], (await client.SearchAsync(Q(word))).Ids());
        await AssertIndexInStepAsync();
    }

    [Fact]
    public async Task A_moved_topic_is_found_in_its_new_community()
    {
        var steward = await app.NewMemberAsync();
        var from = await steward.NewCommunityAsync();
        var to = await steward.NewCommunityAsync();
        var word = Word();
        var topic = await steward.NewTopicAsync(from, $"Moving {word}", $"Body {word}.");
        await steward.ReplyAsync(topic.Id(), $"Reply {word}.");

        await app.ScalarAsync("""
            UPDATE topics SET community_id = (SELECT id FROM communities WHERE slug = @To),
                              space_id = (SELECT s.id FROM spaces s JOIN communities c ON c.id = s.community_id WHERE c.slug = @To AND s.slug = 'general')
            WHERE id = @Id
            """, new { To = to, Id = topic.Id() });
        var client = app.CreateClient();
        Assert.Empty(await client.SearchAsync($"{Q(word)}&community={from}"));
        Assert.Equal(2, (await client.SearchAsync($"{Q(word)}&community={to}")).Count);
        await AssertIndexInStepAsync();
    }

    [Fact]
    public async Task Reindexing_rebuilds_the_index_from_the_tables()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        var topic = await steward.NewTopicAsync(slug, $"Rebuilt {word}", "Body.");
        var hidden = await steward.ReplyAsync(topic.Id(), $"Hidden {word}.");
        await app.ScalarAsync("UPDATE posts SET state = 'Hidden' WHERE id = @Id", new { Id = hidden.Id() });

        var (posts, users) = await app.Services.GetRequiredService<SearchQueries>().RebuildAsync();
        Assert.True(posts >= 1 && users >= 1);
        Assert.Equal([topic.Id()], (await app.CreateClient().SearchAsync(Q(word))).Ids());
        Assert.Contains(steward.Id, (await app.CreateClient().SearchAsync(Q(steward.UserName) + "&type=member")).Ids());
        await AssertIndexInStepAsync();
    }

    // ---- snippets and hostile input ----

    [Fact]
    public async Task Snippets_mark_the_hits_and_escape_everything_the_author_wrote()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        await steward.NewTopicAsync(slug, "Markup in a body", $"Look: <script>alert('x')</script> <b onclick=\"evil()\">bold</b> & {word} \u0002 stray \u0003 markers.");

        var hit = Assert.Single(await app.CreateClient().SearchAsync(Q(word)))!;
        var snippet = hit["snippet"]!.GetValue<string>();
        Assert.Contains($"<mark>{word}</mark>", snippet);
        Assert.DoesNotContain("<script", snippet, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b", snippet, StringComparison.OrdinalIgnoreCase);
        var elements = new HtmlParser().ParseDocument("<body>" + snippet).Body!.QuerySelectorAll("*").ToList();
        Assert.NotEmpty(elements);
        Assert.All(elements, e => Assert.Equal("MARK", e.TagName));
    }

    [Fact]
    public void Snippet_html_is_built_from_encoded_text_and_balanced_marks()
    {
        Assert.Equal("a &lt;b&gt; <mark>c</mark> &amp; &quot;d&quot; &#39;e&#39;", Snippets.ToHtml("a <b> \u0002c\u0003 & \"d\" 'e'"));
        Assert.Equal("<mark>open</mark>", Snippets.ToHtml("\u0002\u0002open"));
        Assert.Equal("close", Snippets.ToHtml("close\u0003"));
        Assert.Equal("bold and code", Snippets.ToHtml("**bold** and `code`"));
        Assert.Equal("", Snippets.ToHtml(null));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("*")]
    [InlineData("zz*")]
    [InlineData("NEAR(a b")]
    [InlineData("NEAR(a, b) AND")]
    [InlineData("-")]
    [InlineData("-word")]
    [InlineData("a OR")]
    [InlineData("NOT")]
    [InlineData("AND OR NOT")]
    [InlineData("title: x")]
    [InlineData("{title body}: x")]
    [InlineData("^x")]
    [InlineData("x:*")]
    [InlineData("a & b | !c <-> d")]
    [InlineData("'); DROP TABLE posts; --")]
    [InlineData("%_\\")]
    [InlineData("the")]
    [InlineData("日本語 テキスト")]
    [InlineData("😀 ✓")]
    [InlineData("(((")]
    [InlineData(")")]
    [InlineData("a\"b\"c\"")]
    public async Task Hostile_search_text_is_read_as_words_and_never_fails(string text)
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/api/v1/search?" + Q(text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?type=member&" + Q(text))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?" + Q(text))).StatusCode);

        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicIdAsync(slug);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/topics/{topic}/search?" + Q(text))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/communities/{slug}/similar?title=" + Uri.EscapeDataString(text))).StatusCode);
    }

    // ---- paging ----

    [Fact]
    public async Task Results_come_a_page_at_a_time_best_first_without_repeats()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await steward.NewTopicAsync(slug, $"Paged topic {i} {word}", i % 2 == 0 ? $"{word} {word}" : "Body.")).Id());
        var client = app.CreateClient();

        var seen = new List<long>();
        var scores = new List<double>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/search?{Q(word)}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Ids());
            scores.AddRange(items.Select(i => i!["score"]!.GetValue<double>()));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(scores.OrderDescending(), scores);
    }

    // ---- inside one topic, similar topics ----

    [Fact]
    public async Task Searching_inside_a_topic_lists_its_matching_posts_in_order()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        var topic = await steward.NewTopicAsync(slug, "A long conversation", "It starts here.");
        var id = topic.Id();
        for (var i = 2; i <= 7; i++) await steward.ReplyAsync(id, i % 2 == 0 ? $"Reply {i} says {word}." : $"Reply {i} says nothing.");
        var elsewhere = await steward.NewTopicIdAsync(slug);
        await steward.ReplyAsync(elsewhere, $"Also {word} but elsewhere.");
        var client = app.CreateClient();

        var first = await client.GetJsonAsync($"/api/v1/topics/{id}/search?{Q(word)}&limit=2");
        var numbers = first["items"]!.AsArray().Select(m => m!["postNumber"]!.GetValue<int>()).ToList();
        Assert.Equal([2, 4], numbers);
        Assert.Contains($"<mark>{word}</mark>", first["items"]![0]!["snippet"]!.GetValue<string>());
        Assert.EndsWith("#post-2", first["items"]![0]!["url"]!.GetValue<string>());
        var rest = await client.GetJsonAsync($"/api/v1/topics/{id}/search?{Q(word)}&limit=2&cursor={first["next"]!.GetValue<string>()}");
        Assert.Equal([6], rest["items"]!.AsArray().Select(m => m!["postNumber"]!.GetValue<int>()));
        Assert.Null(rest["next"]);

        var page = await Browser.Open(app).PageAsync($"/search?{Q(word)}&topic={id}");
        Assert.Equal(["2", "4", "6"], page.QuerySelectorAll("[data-testid=results] li").Select(li => li.GetAttribute("data-post-number")!));
    }

    [Fact]
    public async Task A_private_topic_cannot_be_searched_by_outsiders()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var topic = await steward.NewTopicIdAsync(slug);
        await (await app.CreateClient().GetAsync($"/api/v1/topics/{topic}/search?q=topic")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/topics/{topic + 100000}/search?q=topic")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/similar?title=topic+worth")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Single((await steward.GetJsonAsync($"/api/v1/communities/{slug}/similar?title=topic+worth"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Similar_topics_are_suggested_from_the_same_community_while_a_title_is_typed()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var other = await steward.NewCommunityAsync();
        var word = Word();
        var feeding = await steward.NewTopicAsync(slug, $"How to feed a {word} starter", "Flour and water.");
        var starter = await steward.NewTopicAsync(slug, $"My {word} starter smells", "Of acetone.");
        await steward.NewTopicAsync(slug, "Unrelated bread question", "Crumb.");
        await steward.NewTopicAsync(other, $"Elsewhere {word} starter", "Not here.");
        var client = app.CreateClient();

        var similar = (await client.GetJsonAsync($"/api/v1/communities/{slug}/similar?title={Uri.EscapeDataString($"feeding my {word} starter")}"))["items"]!.AsArray();
        Assert.Equal(new[] { feeding.Id(), starter.Id() }.Order(), similar.Ids().Order());
        Assert.Equal(feeding.Id(), similar[0]!["id"]!.GetValue<long>()); // it shares the most words
        Assert.NotNull(similar[0]!["url"]);
        Assert.NotNull(similar[0]!["replyCount"]);
        Assert.NotNull(similar[0]!["solved"]);

        // The last word is still being typed: a prefix matches.
        var typing = (await client.GetJsonAsync($"/api/v1/communities/{slug}/similar?title={Uri.EscapeDataString(word[..^3])}"))["items"]!.AsArray();
        Assert.Equal(new[] { feeding.Id(), starter.Id() }.Order(), typing.Ids().Order());
        Assert.Empty((await client.GetJsonAsync($"/api/v1/communities/{slug}/similar?title=the"))["items"]!.AsArray());
        Assert.Empty((await client.GetJsonAsync($"/api/v1/communities/{slug}/similar"))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_new_topic_form_loads_the_similar_topics_script()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var browser = Browser.Open(app);
        var page = await browser.PageAsync($"/c/{slug}/s/general");
        var src = page.QuerySelector("script[type=module][src^='/js/similar-topics.js']")?.GetAttribute("src");
        Assert.NotNull(src);
        var script = await browser.Http.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/similar?title=", await script.Content.ReadAsStringAsync());
    }

    // ---- the page ----

    [Fact]
    public async Task The_search_page_shows_results_with_snippets_and_keeps_the_filters()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var word = Word();
        for (var i = 0; i < 3; i++) await steward.NewTopicAsync(slug, $"Page result {i} {word}", $"Body with {word}.");
        var browser = Browser.Open(app);

        var empty = await browser.PageAsync("/search");
        Assert.NotNull(empty.QuerySelector("form#search input[name=q]"));
        Assert.Null(empty.QuerySelector("[data-testid=results]"));

        var page = await browser.PageAsync($"/search?{Q(word)}&community={slug}&type=topic");
        var form = page.QuerySelector("form#search")!;
        Assert.Equal("get", form.GetAttribute("method"));
        foreach (var name in new[] { "q", "type", "community", "kind", "author", "tag", "solved", "from", "to" })
        {
            var control = form.QuerySelector($"[name={name}]");
            Assert.NotNull(control);
            Assert.NotNull(page.QuerySelector($"label[for={control!.Id}]"));
        }
        Assert.Equal(word, ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("[name=q]")!).Value);
        Assert.Equal(slug, ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("[name=community]")!).Value);
        var results = page.QuerySelectorAll("[data-testid=results] li");
        Assert.Equal(3, results.Length);
        Assert.All(results, li => Assert.Equal("topic", li.GetAttribute("data-type")));
        Assert.All(results, li => Assert.NotNull(li.QuerySelector(".snippet mark")));

        var paged = await browser.PageAsync($"/search?{Q(word)}&community={slug}");
        Assert.Equal(3, paged.QuerySelectorAll("[data-testid=results] li").Length);
        var missing = await browser.PageAsync($"/search?{Q(word)}&community=no-such-place");
        Assert.Contains("No such community", missing.QuerySelector("form#search")!.TextContent);
        var bad = await browser.PageAsync($"/search?{Q(word)}&kind=Podcasts");
        Assert.NotNull(bad.QuerySelector(".field-error"));
    }

    [Fact]
    public async Task The_benchmark_reference_page_is_not_served_unless_enabled()
    {
        var (response, _) = await Browser.Open(app).GetAsync("/bench/reference");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_search_runs_a_fixed_number_of_commands_whatever_it_finds()
    {
        var steward = await app.NewMemberAsync();
        var quiet = await steward.NewCommunityAsync();
        var busy = await steward.NewCommunityAsync();
        var word = Word();
        await steward.NewTopicAsync(quiet, $"Budget {word}");
        for (var i = 0; i < 6; i++) await steward.ReplyAsync(await steward.NewTopicIdAsync(busy, $"Budget {i} {word}"), $"Reply {word}");
        await app.ScalarAsync("UPDATE users SET bio = @Bio WHERE id = @Id", new { Bio = $"Bio {word}", steward.Id });
        var client = app.CreateClient();

        async Task<int> CommandsAsync(string query)
        {
            app.Db.Counter = new CommandCounter();
            try
            {
                await client.SearchAsync(query);
                return app.Db.Counter.Count;
            }
            finally
            {
                app.Db.Counter = null;
            }
        }
        var few = await CommandsAsync($"{Q(word)}&community={quiet}");
        var many = await CommandsAsync($"{Q(word)}&community={busy}");
        Assert.Equal(few, many);
        // The community, then for content and for members: the ranked page and (SQLite) its snippets.
        Assert.InRange(many, 1, 5);
        Assert.InRange(await CommandsAsync(Q(word)), 1, 5);
    }

    /// <summary>The index holds exactly the Visible posts, with the documents their rows make today.</summary>
    private async Task AssertIndexInStepAsync()
    {
        await using var connection = await app.Db.OpenAsync();
        if (app.Engine == DbProvider.Sqlite)
        {
            // FTS5 compares every indexed token with the content (the view of Visible posts) and fails on any difference.
            await connection.ExecuteAsync("INSERT INTO search_posts (search_posts, rank) VALUES ('integrity-check', 1)");
            await connection.ExecuteAsync("INSERT INTO search_users (search_users, rank) VALUES ('integrity-check', 1)");
        }
        else
        {
            var wrong = await connection.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM posts p
                JOIN topics t ON t.id = p.topic_id
                FULL JOIN search_posts d ON d.post_id = p.id
                WHERE (p.state = 'Visible') IS DISTINCT FROM (d.post_id IS NOT NULL)
                   OR d.vector IS DISTINCT FROM CASE WHEN p.state = 'Visible' THEN search_post_vector(CASE WHEN p.post_number = 1 THEN t.title END, p.body) END
                """);
            Assert.Equal(0, wrong);
        }
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class SearchOnSqlite(SqliteApp app) : SearchSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class SearchOnPostgres(PostgresApp app) : SearchSpec(app);
