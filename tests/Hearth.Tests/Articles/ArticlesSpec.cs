using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Articles;

public abstract class ArticlesSpec(HearthApp app)
{
    private static int[] Numbers(JsonNode page) => [.. page["items"]!.AsArray().Select(r => r!["number"]!.GetValue<int>())];

    [Fact]
    public async Task A_topic_started_in_an_articles_space_is_a_published_article_at_revision_one()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug, "How we run backups", "Nightly, to **two** places.", tags: ["ops"]);

        var article = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/article");
        Assert.Equal(id, article.Id());
        Assert.Equal("How we run backups", article["title"]!.GetValue<string>());
        Assert.Equal($"/t/{id}/how-we-run-backups", article["url"]!.GetValue<string>());
        Assert.Equal("Published", article["state"]!.GetValue<string>());
        Assert.Equal("Wiki", article["editPolicy"]!.GetValue<string>());
        Assert.Equal(1, article["revision"]!.GetValue<int>());
        Assert.Equal("Nightly, to **two** places.", article["body"]!.GetValue<string>());
        Assert.Contains("<strong>two</strong>", article["bodyHtml"]!.GetValue<string>());
        Assert.Equal(["ops"], article["tags"].Strings());
        Assert.Equal("kb", article["space"]!["slug"]!.GetValue<string>());
        Assert.Equal(steward.UserName, article["author"]!["userName"]!.GetValue<string>());
        Assert.NotNull(article["publishedAt"]?.GetValue<DateTime>());
        Assert.Null(article["fromQuestion"]?.GetValue<object>());
        var contributor = Assert.Single(article["contributors"]!.AsArray())!;
        Assert.Equal(steward.UserName, contributor["userName"]!.GetValue<string>());
        Assert.Equal(1, contributor["edits"]!.GetValue<int>());
        Assert.False(article["viewer"]!["mayEdit"]!.GetValue<bool>());
        Assert.True((await steward.ArticleAsync(id))["viewer"]!["mayEdit"]!.GetValue<bool>());

        var revisions = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/revisions");
        var first = Assert.Single(revisions["items"]!.AsArray())!;
        Assert.Equal(1, first["number"]!.GetValue<int>());
        Assert.Equal(steward.UserName, first["author"]!["userName"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(first["summary"]!.GetValue<string>()));
        Assert.Null(revisions["next"]);
        var one = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/revisions/1");
        Assert.Equal("Nightly, to **two** places.", one["body"]!.GetValue<string>());
        Assert.Equal("How we run backups", one["title"]!.GetValue<string>());

        // The topic itself is the article's carrier: same id, kind Articles, first post the body.
        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}");
        Assert.Equal("Articles", topic["kind"]!.GetValue<string>());
        Assert.Contains("<strong>two</strong>", topic["posts"]![0]!["bodyHtml"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_a_wiki_space_every_active_member_edits_and_each_edit_is_the_next_revision()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var (ada, bob) = (await app.NewMemberAsync("ada"), await app.NewMemberAsync("bob"));
        await ada.JoinAsync(slug);
        await bob.JoinAsync(slug);
        var id = await ada.NewArticleAsync(slug, "Brewing guide", "Boil water.\n");

        var second = await bob.EditOkAsync(id, "Boil water.\nWait four minutes.\n", 1, "Added the wait");
        Assert.Equal(2, second["revision"]!.GetValue<int>());
        Assert.Equal("Boil water.\nWait four minutes.\n", second["body"]!.GetValue<string>());
        var third = await steward.EditOkAsync(id, "Boil water.\nWait four minutes.\nPour.\n", 2, "Pour", title: "Brewing tea, step by step");
        Assert.Equal(3, third["revision"]!.GetValue<int>());
        Assert.Equal("Brewing tea, step by step", third["title"]!.GetValue<string>());
        Assert.Equal($"/t/{id}/brewing-tea-step-by-step", third["url"]!.GetValue<string>());
        await ada.EditOkAsync(id, "Boil water.\nWait five minutes.\nPour.\n", 3, "Five, not four");

        var page = await ada.GetJsonAsync($"/api/v1/topics/{id}/revisions");
        Assert.Equal([4, 3, 2, 1], Numbers(page));
        Assert.Equal([ada.UserName, steward.UserName, bob.UserName, ada.UserName],
            page["items"]!.AsArray().Select(r => r!["author"]!["userName"]!.GetValue<string>()));
        Assert.Equal(["Five, not four", "Pour", "Added the wait"], page["items"]!.AsArray().Take(3).Select(r => r!["summary"]!.GetValue<string>()));
        Assert.Equal("Brewing guide", (await ada.GetJsonAsync($"/api/v1/topics/{id}/revisions/2"))["title"]!.GetValue<string>());

        var article = await ada.ArticleAsync(id);
        var contributors = article["contributors"]!.AsArray().ToDictionary(c => c!["userName"]!.GetValue<string>(), c => c!["edits"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { [ada.UserName] = 2, [bob.UserName] = 1, [steward.UserName] = 1 }, contributors);
        Assert.Equal(ada.UserName, article["contributors"]![0]!["userName"]!.GetValue<string>());

        // What readers see follows the latest revision: the topic's title and its first post.
        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}");
        Assert.Equal("Brewing tea, step by step", topic["title"]!.GetValue<string>());
        Assert.Contains("Wait five minutes.", topic["posts"]![0]!["bodyHtml"]!.GetValue<string>());
        var footprint = await app.ArticleFootprintAsync(id);
        Assert.Equal((4L, 4L, 3L), (footprint.Revisions, footprint.Revision!.Value, footprint.RevisedEvents));
    }

    [Fact]
    public async Task In_an_authors_space_only_the_author_and_moderators_edit()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync(policy: "Authors");
        var moderator = await app.ModeratorAsync(steward, slug);
        var (author, member) = (await app.NewMemberAsync("author"), await app.NewMemberAsync("member"));
        await author.JoinAsync(slug);
        await member.JoinAsync(slug);
        var id = await author.NewArticleAsync(slug);

        var article = await member.ArticleAsync(id);
        Assert.Equal("Authors", article["editPolicy"]!.GetValue<string>());
        Assert.False(article["viewer"]!["mayEdit"]!.GetValue<bool>());
        await (await member.EditAsync(id, "Vandalised.", 1)).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1 })).ShouldFail(HttpStatusCode.Forbidden);

        await author.EditOkAsync(id, "Author's second thoughts.", 1);
        await moderator.EditOkAsync(id, "A moderator's fix.", 2);
        await steward.EditOkAsync(id, "A steward's fix.", 3);
        Assert.Equal(4, (await app.ArticleFootprintAsync(id)).Revisions);

        // Back to a wiki: now the member may edit too.
        await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/kb/settings", new { editPolicy = "Wiki" })).ShouldBe(HttpStatusCode.OK);
        await member.EditOkAsync(id, "A member's fix.", 4);
    }

    [Fact]
    public async Task Only_stewards_set_the_edit_policy_and_only_of_articles_spaces()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var moderator = await app.ModeratorAsync(steward, slug);
        var outsider = await app.NewMemberAsync();
        var url = $"/api/v1/communities/{slug}/spaces/kb/settings";

        var settings = await app.CreateClient().GetJsonAsync(url);
        Assert.Equal(("kb", "Articles", "Wiki"), (settings["slug"]!.GetValue<string>(), settings["kind"]!.GetValue<string>(), settings["editPolicy"]!.GetValue<string>()));
        await (await moderator.PatchAsync(url, new { editPolicy = "Authors" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PatchAsync(url, new { editPolicy = "Authors" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PatchAsync(url, Api.RawJson("""{"editPolicy":"Authors"}"""))).StatusCode);
        var bad = await (await steward.PatchAsync(url, new { editPolicy = "Anyone" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(bad["errors"]!["editPolicy"]);
        await (await steward.PatchAsync(url, new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var notArticles = await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/general/settings", new { editPolicy = "Authors" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(notArticles["errors"]!["editPolicy"]);
        await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/nowhere/settings", new { editPolicy = "Authors" })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal("Wiki", (await steward.GetJsonAsync(url))["editPolicy"]!.GetValue<string>());

        var changed = await (await steward.PatchAsync(url, new { editPolicy = "Authors" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Authors", changed["editPolicy"]!.GetValue<string>());
        Assert.Equal("Authors", (await steward.GetJsonAsync(url))["editPolicy"]!.GetValue<string>());
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'space.edit_policy' AND target = 'space:kb' AND community_id = (SELECT id FROM communities WHERE slug = @Slug)", new { Slug = slug }));

        var hidden = await steward.NewKnowledgeCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        await (await outsider.GetAsync($"/api/v1/communities/{hidden}/spaces/kb/settings")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PatchAsync($"/api/v1/communities/{hidden}/spaces/kb/settings", new { editPolicy = "Authors" })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outsiders_read_a_public_communitys_articles_but_every_write_is_refused()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug);
        await steward.EditOkAsync(id, "Second.", 1);
        var outsider = await app.NewMemberAsync();
        var anonymous = app.CreateClient();

        foreach (var client in new[] { outsider.Http, anonymous })
        {
            await client.GetJsonAsync($"/api/v1/topics/{id}/article");
            await client.GetJsonAsync($"/api/v1/topics/{id}/revisions");
            await client.GetJsonAsync($"/api/v1/topics/{id}/revisions/1");
            await client.GetJsonAsync($"/api/v1/topics/{id}/diff?from=1&to=2");
            await client.GetJsonAsync($"/api/v1/topics/{id}/links");
        }
        await (await outsider.EditAsync(id, "Mine now.", 2)).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1 })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"/api/v1/topics/{id}/article", Api.RawJson("""{"body":"x","summary":"x","baseRevision":2}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/topics/{id}/revert", Api.RawJson("""{"revision":1}"""))).StatusCode);

        // A member who left is an outsider again.
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await member.EditOkAsync(id, "Third.", 2);
        await member.LeaveAsync(slug);
        await (await member.EditAsync(id, "Fourth.", 3)).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(3, (await app.ArticleFootprintAsync(id)).Revisions);
    }

    [Theory]
    [InlineData("Restricted", "Open")]
    [InlineData("Private", "Invitation")]
    public async Task A_hidden_communitys_articles_are_unknown_to_outsiders(string visibility, string joinPolicy)
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync(b => { b["visibility"] = visibility; b["joinPolicy"] = joinPolicy; });
        var id = await steward.NewArticleAsync(slug);
        await steward.EditOkAsync(id, "Second.", 1);
        var (question, answer) = await app.SolvedQuestionAsync(steward, steward, slug);
        var outsider = await app.NewMemberAsync();

        foreach (var client in new[] { outsider.Http, app.CreateClient() })
        {
            foreach (var url in new[] { "article", "revisions", "revisions/1", "diff?from=1&to=2", "links" })
                await (await client.GetAsync($"/api/v1/topics/{id}/{url}")).ShouldFail(HttpStatusCode.NotFound);
        }
        await (await outsider.EditAsync(id, "Mine now.", 2)).ShouldFail(HttpStatusCode.NotFound);
        // Even invalid input reveals nothing: access is decided first.
        await (await outsider.EditAsync(id, "", 0)).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1 })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/revert", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(2, (await app.ArticleFootprintAsync(id)).Revisions);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM articles WHERE from_question_id = @Id", new { Id = question }));
        Assert.True(answer > 0);
    }

    [Fact]
    public async Task An_edit_based_on_an_old_revision_is_refused_with_409_and_writes_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var id = await steward.NewArticleAsync(slug, body: "Original.");
        await member.EditOkAsync(id, "Member's version.", 1);

        var stale = await (await steward.EditAsync(id, "Steward's version, from revision 1.", 1)).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("revision 2", stale["title"]!.GetValue<string>());
        var footprint = await app.ArticleFootprintAsync(id);
        Assert.Equal((2L, 2L, "Member's version."), (footprint.Revisions, footprint.Revision!.Value, footprint.Body));

        // Built on the latest revision, the same edit goes through.
        Assert.Equal(3, (await steward.EditOkAsync(id, "Steward's version.", 2))["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task Of_two_edits_saved_at_once_on_the_same_revision_one_wins_and_the_other_is_told()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var members = new List<Member>();
        for (var i = 0; i < 4; i++)
        {
            var m = await app.NewMemberAsync();
            await m.JoinAsync(slug);
            members.Add(m);
        }
        var id = await steward.NewArticleAsync(slug, body: "Original.");

        var responses = await Task.WhenAll(members.Select((m, i) => m.EditAsync(id, $"Version {i}.", 1)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var footprint = await app.ArticleFootprintAsync(id);
        Assert.Equal((2L, 2L), (footprint.Revisions, footprint.Revision!.Value));
    }

    [Fact]
    public async Task Bad_edits_are_refused_with_each_field_named_and_nothing_written()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug, "A fine title", "The body.");
        var cases = new (object Body, string Field)[]
        {
            (new { summary = "s", baseRevision = 1 }, "body"),
            (new { body = "", summary = "s", baseRevision = 1 }, "body"),
            (new { body = " \n ", summary = "s", baseRevision = 1 }, "body"),
            (new { body = new string('b', 50_001), summary = "s", baseRevision = 1 }, "body"),
            (new { title = "", body = "New.", summary = "s", baseRevision = 1 }, "title"),
            (new { title = "ab", body = "New.", summary = "s", baseRevision = 1 }, "title"),
            (new { title = new string('t', 201), body = "New.", summary = "s", baseRevision = 1 }, "title"),
            (new { body = "New.", baseRevision = 1 }, "summary"),
            (new { body = "New.", summary = "  ", baseRevision = 1 }, "summary"),
            (new { body = "New.", summary = new string('s', 201), baseRevision = 1 }, "summary"),
            (new { body = "New.", summary = "s" }, "baseRevision"),
            (new { body = "New.", summary = "s", baseRevision = 0 }, "baseRevision"),
            (new { body = "New.", summary = "s", baseRevision = 7 }, "baseRevision"),
            (new { body = "The body.", summary = "Nothing really", baseRevision = 1 }, "body"),
            (new { title = "A fine title", body = "The body.\n", summary = "Nothing really", baseRevision = 1 }, "body"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await steward.PutAsync($"/api/v1/topics/{id}/article", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?[field] is not null, $"Expected an error for {field}: {problem.ToJsonString()}");
        }
        var footprint = await app.ArticleFootprintAsync(id);
        Assert.Equal((1L, 1L, "A fine title", "The body.", 0L), (footprint.Revisions, footprint.Revision!.Value, footprint.Title, footprint.Body, footprint.RevisedEvents));

        // The limits themselves are allowed, and PATCH is the same route as PUT.
        var patched = await (await steward.PatchAsync($"/api/v1/topics/{id}/article",
            new { title = new string('t', 200), body = new string('b', 50_000), summary = new string('s', 200), baseRevision = 1 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, patched["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_articles_and_revisions_answer_404_and_bad_numbers_400()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug);
        var discussion = await steward.NewTopicIdAsync(slug, "Just a chat");
        var client = app.CreateClient();

        await (await client.GetAsync($"/api/v1/topics/{id}/revisions/2")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/topics/{id}/revisions/0")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/topics/{id}/diff?from=1&to=9")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/topics/{id}/diff?from=9&to=1")).ShouldFail(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/topics/{id}/diff?from=one")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/topics/{id}/revisions?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 5 })).ShouldFail(HttpStatusCode.NotFound);
        foreach (var url in new[] { "article", "revisions", "revisions/1", "diff" })
        {
            await (await client.GetAsync($"/api/v1/topics/{discussion}/{url}")).ShouldFail(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/topics/{id + 100_000}/{url}")).ShouldFail(HttpStatusCode.NotFound);
        }
        await (await steward.EditAsync(discussion, "Not an article.", 1)).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync($"/api/v1/topics/{discussion}/revert", new { revision = 1 })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.EditAsync(id + 100_000, "Nowhere.", 1)).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(1, (await app.ArticleFootprintAsync(id)).Revisions);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_writes_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug);
        var (question, _) = await app.SolvedQuestionAsync(steward, steward, slug);

        foreach (var (method, url) in new[]
        {
            (HttpMethod.Put, $"/api/v1/topics/{id}/article"),
            (HttpMethod.Patch, $"/api/v1/topics/{id}/article"),
            (HttpMethod.Post, $"/api/v1/topics/{id}/revert"),
            (HttpMethod.Post, $"/api/v1/topics/{question}/make-article"),
            (HttpMethod.Patch, $"/api/v1/communities/{slug}/spaces/kb/settings"),
        })
        {
            foreach (var json in new[] { "{\"body\": ", """{"body": ["x"], "summary": 5, "baseRevision": "two", "revision": "one", "space": 5, "editPolicy": 1}""" })
                await (await steward.Http.SendAsync(new HttpRequestMessage(method, url) { Content = Api.RawJson(json) })).ShouldFail(HttpStatusCode.BadRequest);
        }
        Assert.Equal(1, (await app.ArticleFootprintAsync(id)).Revisions);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM articles WHERE from_question_id = @Id", new { Id = question }));
        Assert.Equal("Wiki", (await steward.GetJsonAsync($"/api/v1/communities/{slug}/spaces/kb/settings"))["editPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_diff_of_two_revisions_lists_the_removed_and_added_lines_in_hunks()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        const string before = "# Tea\n\nBoil water.\nWarm the pot.\nAdd leaves.\nWait four minutes.\nPour.\nDrink.\n\n## Notes\nUse fresh water.\nKeep it covered.\nServe in a warm cup.\nNever reboil.\n";
        const string after = "# Tea\n\nBoil water.\nWarm the pot.\nAdd leaves.\nWait five minutes.\nStir once.\nPour.\nDrink.\n\n## Notes\nUse fresh water.\nKeep it covered.\nServe in a warm cup.\n";
        var id = await steward.NewArticleAsync(slug, "Tea", before);
        await steward.EditOkAsync(id, after, 1, "Five minutes, stir", title: "Tea, properly");

        var diff = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/diff?from=1&to=2");
        Assert.Equal(1, diff["from"]!["number"]!.GetValue<int>());
        Assert.Equal(2, diff["to"]!["number"]!.GetValue<int>());
        Assert.Equal("Tea", diff["from"]!["title"]!.GetValue<string>());
        Assert.Equal("Tea, properly", diff["to"]!["title"]!.GetValue<string>());
        Assert.True(diff["titleChanged"]!.GetValue<bool>());
        Assert.Equal(2, diff["added"]!.GetValue<int>());
        Assert.Equal(2, diff["removed"]!.GetValue<int>());

        var hunks = diff["hunks"]!.AsArray();
        Assert.Equal(2, hunks.Count);
        var first = hunks[0]!;
        Assert.Equal((3, 7, 3, 8), (first["fromStart"]!.GetValue<int>(), first["fromCount"]!.GetValue<int>(), first["toStart"]!.GetValue<int>(), first["toCount"]!.GetValue<int>()));
        Assert.Equal(
            ["Context:Boil water.", "Context:Warm the pot.", "Context:Add leaves.", "Removed:Wait four minutes.", "Added:Wait five minutes.", "Added:Stir once.",
             "Context:Pour.", "Context:Drink.", "Context:"],
            first["lines"]!.AsArray().Select(l => $"{l!["kind"]!.GetValue<string>()}:{l["text"]!.GetValue<string>()}"));
        var removed = first["lines"]![3]!;
        Assert.Equal(6, removed["fromLine"]!.GetValue<int>());
        Assert.Null(removed["toLine"]?.GetValue<int?>());
        var stir = first["lines"]![5]!;
        Assert.Null(stir["fromLine"]?.GetValue<int?>());
        Assert.Equal(7, stir["toLine"]!.GetValue<int>());
        var second = hunks[1]!;
        Assert.Equal((11, 4, 12, 3), (second["fromStart"]!.GetValue<int>(), second["fromCount"]!.GetValue<int>(), second["toStart"]!.GetValue<int>(), second["toCount"]!.GetValue<int>()));
        Assert.Equal(["Context:Use fresh water.", "Context:Keep it covered.", "Context:Serve in a warm cup.", "Removed:Never reboil."],
            second["lines"]!.AsArray().Select(l => $"{l!["kind"]!.GetValue<string>()}:{l["text"]!.GetValue<string>()}"));

        // Either way round, and by default the latest against the one before.
        var backwards = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/diff?from=2&to=1");
        Assert.Equal((2, 2), (backwards["added"]!.GetValue<int>(), backwards["removed"]!.GetValue<int>()));
        Assert.Equal("Added:Wait four minutes.", $"{backwards["hunks"]![0]!["lines"]![5]!["kind"]}:{backwards["hunks"]![0]!["lines"]![5]!["text"]}");
        var latest = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/diff");
        Assert.Equal((1, 2), (latest["from"]!["number"]!.GetValue<int>(), latest["to"]!["number"]!.GetValue<int>()));
        var same = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}/diff?from=2&to=2");
        Assert.Empty(same["hunks"]!.AsArray());
        Assert.False(same["titleChanged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Reverting_makes_a_new_revision_with_the_old_content_and_keeps_the_history()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var id = await steward.NewArticleAsync(slug, "Good advice", "Back up **daily**.");
        await member.EditOkAsync(id, "Never back up.", 1, "Bad advice", title: "Bad advice");
        await member.EditOkAsync(id, "Never, ever back up.", 2, "Worse advice");

        var reverted = await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(4, reverted["revision"]!.GetValue<int>());
        Assert.Equal("Good advice", reverted["title"]!.GetValue<string>());
        Assert.Equal("Back up **daily**.", reverted["body"]!.GetValue<string>());
        Assert.Contains("<strong>daily</strong>", reverted["bodyHtml"]!.GetValue<string>());

        var one = await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/1");
        var four = await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/4");
        Assert.Equal((one["title"]!.GetValue<string>(), one["body"]!.GetValue<string>(), one["bodyHtml"]!.GetValue<string>()),
            (four["title"]!.GetValue<string>(), four["body"]!.GetValue<string>(), four["bodyHtml"]!.GetValue<string>()));
        Assert.Equal(1, four["revertedTo"]!.GetValue<int>());
        Assert.Equal("Reverted to revision 1", four["summary"]!.GetValue<string>());
        Assert.Equal(steward.UserName, four["author"]!["userName"]!.GetValue<string>());
        Assert.Equal(new[] { 4, 3, 2, 1 }, Numbers(await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions")));
        Assert.Equal("Never, ever back up.", (await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/3"))["body"]!.GetValue<string>());
        Assert.Empty((await steward.GetJsonAsync($"/api/v1/topics/{id}/diff?from=1&to=4"))["hunks"]!.AsArray());
        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{id}");
        Assert.Equal("Good advice", topic["title"]!.GetValue<string>());
        Assert.Contains("<strong>daily</strong>", topic["posts"]![0]!["bodyHtml"]!.GetValue<string>());

        // A revert with a reason; and one that would change nothing is refused.
        var again = await (await member.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 3, summary = "I still think so" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5, again["revision"]!.GetValue<int>());
        Assert.Equal("I still think so", (await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/5"))["summary"]!.GetValue<string>());
        await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 3 })).ShouldFail(HttpStatusCode.Conflict);
        var invalid = await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(invalid["errors"]!["revision"]);
        await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1, summary = new string('s', 201) })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(5, (await app.ArticleFootprintAsync(id)).Revisions);
    }

    [Fact]
    public async Task Revisions_page_by_number_without_duplicates_or_gaps()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug, body: "v1");
        for (var n = 2; n <= 5; n++) await steward.EditOkAsync(id, $"v{n}", n - 1, $"Edit {n}");

        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(Numbers(page));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);
        Assert.Equal([5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Markdown_in_revisions_and_diffs_stays_escaped()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        const string evil = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))";
        var id = await steward.NewArticleAsync(slug, body: "Harmless.");
        await steward.EditOkAsync(id, evil, 1);
        await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 1 })).ShouldBe(HttpStatusCode.OK);
        await (await steward.PostAsync($"/api/v1/topics/{id}/revert", new { revision = 2 })).ShouldBe(HttpStatusCode.OK);

        foreach (var html in new[]
        {
            (await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/2"))["bodyHtml"]!.GetValue<string>(),
            (await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/4"))["bodyHtml"]!.GetValue<string>(),
            (await steward.ArticleAsync(id))["bodyHtml"]!.GetValue<string>(),
        })
        {
            var fragment = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
            Assert.Empty(fragment.QuerySelectorAll("script"));
            Assert.Empty(fragment.QuerySelectorAll("img"));
            Assert.Empty(fragment.QuerySelectorAll("[onerror]"));
            Assert.DoesNotContain(fragment.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("&lt;script&gt;", html);
        }
        // The JSON diff carries the Markdown source as text, for the client to escape.
        var diff = await steward.GetJsonAsync($"/api/v1/topics/{id}/diff?from=1&to=2");
        Assert.Contains(diff["hunks"]![0]!["lines"]!.AsArray(), l => l!["text"]!.GetValue<string>() == "<script>alert(1)</script>");
    }

    [Fact]
    public async Task Making_an_article_from_a_solved_question_quotes_credits_links_and_notifies()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var moderator = await app.ModeratorAsync(steward, slug);
        var (asker, answerer) = (await app.NewMemberAsync("asker"), await app.NewMemberAsync("answerer"));
        await asker.JoinAsync(slug);
        await answerer.JoinAsync(slug);
        var tagged = (await asker.NewTopicAsync(slug, "How do I [rotate](javascript:x) *logs*?", "My disk fills up.\n\nEvery night.", "help", ["logs"])).Id();
        var answerId = (await answerer.ReplyAsync(tagged, "Use **logrotate**.\n> and compress")).Id();
        await app.AcceptAsync(tagged, answerId);

        var made = await moderator.PostAsync($"/api/v1/topics/{tagged}/make-article", new { });
        var article = await made.ShouldBe(HttpStatusCode.Created);
        var id = article.Id();
        Assert.Equal($"/api/v1/topics/{id}/article", made.Headers.Location!.OriginalString);
        Assert.Equal("Draft", article["state"]!.GetValue<string>());
        Assert.Null(article["publishedAt"]?.GetValue<DateTime?>());
        Assert.Equal("kb", article["space"]!["slug"]!.GetValue<string>());
        Assert.Equal("How do I [rotate](javascript:x) *logs*?", article["title"]!.GetValue<string>());
        Assert.Equal(["logs"], article["tags"].Strings());
        Assert.Equal(1, article["revision"]!.GetValue<int>());
        Assert.Equal(moderator.UserName, article["author"]!["userName"]!.GetValue<string>());

        // The body quotes both, under their authors' names, and links back to the question.
        var body = article["body"]!.GetValue<string>();
        Assert.Contains("> My disk fills up.\n>\n> Every night.", body);
        Assert.Contains("> Use **logrotate**.\n> > and compress", body);
        var html = new HtmlParser().ParseDocument($"<body>{article["bodyHtml"]!.GetValue<string>()}</body>").Body!;
        var quotes = html.Children.Where(e => e.LocalName == "blockquote").ToList();
        Assert.Equal(2, quotes.Count);
        Assert.Contains("My disk fills up.", quotes[0].TextContent);
        Assert.Equal("logrotate", quotes[1].QuerySelector("strong")!.TextContent);
        Assert.NotNull(quotes[1].QuerySelector("blockquote"));
        Assert.NotNull(html.QuerySelector($"a[href='/u/{asker.UserName}']"));
        Assert.NotNull(html.QuerySelector($"a[href='/u/{answerer.UserName}']"));
        Assert.NotNull(html.QuerySelector($"a[href^='/t/{tagged}/']"));
        Assert.DoesNotContain(html.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));

        // Credited as contributors, linked both ways.
        var credits = article["contributors"]!.AsArray().ToDictionary(c => c!["userName"]!.GetValue<string>(), c => (c!["edits"]!.GetValue<int>(), string.Join(",", c["credits"].Strings())));
        Assert.Equal((1, ""), credits[moderator.UserName]);
        Assert.Equal((0, "Question"), credits[asker.UserName]);
        Assert.Equal((0, "Answer"), credits[answerer.UserName]);
        Assert.Equal(tagged, article["fromQuestion"]!["id"]!.GetValue<long>());
        Assert.StartsWith($"/t/{tagged}/", article["fromQuestion"]!["url"]!.GetValue<string>());
        var links = await asker.GetJsonAsync($"/api/v1/topics/{tagged}/links");
        Assert.Equal(id, links["writtenUpAs"]!["id"]!.GetValue<long>());
        Assert.Equal("Draft", links["writtenUpAs"]!["state"]!.GetValue<string>());
        Assert.Null(links["fromQuestion"]?.GetValue<object>());
        Assert.Equal(tagged, (await asker.GetJsonAsync($"/api/v1/topics/{id}/links"))["fromQuestion"]!["id"]!.GetValue<long>());

        // Both authors are told, the actor is not.
        foreach (var (who, what) in new[] { (asker, "your question"), (answerer, "your answer") })
        {
            var told = Assert.Single(await who.CreditedAsync());
            Assert.Contains(what, told["text"]!.GetValue<string>());
            Assert.Equal(article["url"]!.GetValue<string>(), told["url"]!.GetValue<string>());
            Assert.Equal(moderator.UserName, told["actor"]!.GetValue<string>());
        }
        Assert.Empty(await moderator.CreditedAsync());

        // Credited people edit even under the Authors policy; the draft is published by an editor.
        await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/kb/settings", new { editPolicy = "Authors" })).ShouldBe(HttpStatusCode.OK);
        await answerer.EditOkAsync(id, body + "\nAlso: compress old logs.\n", 1, "Compression");
        var published = await (await asker.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Published", published["state"]!.GetValue<string>());
        Assert.NotNull(published["publishedAt"]?.GetValue<DateTime>());
        await (await asker.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains(await moderator.NotificationsAsync(), n => n["kind"]!.GetValue<string>() == "article.published");
    }

    [Fact]
    public async Task The_asker_makes_an_article_and_is_not_notified_of_their_own_act()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        await steward.AddSpaceAsync(slug, "guides", "Articles", "Guides");
        var (asker, answerer) = (await app.NewMemberAsync("asker"), await app.NewMemberAsync("answerer"));
        await asker.JoinAsync(slug);
        await answerer.JoinAsync(slug);
        var (question, _) = await app.SolvedQuestionAsync(asker, answerer, slug);

        var article = await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { space = "guides" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("guides", article["space"]!["slug"]!.GetValue<string>());
        Assert.Empty(await asker.CreditedAsync());
        Assert.Single(await answerer.CreditedAsync());
        Assert.Equal(1, await app.ScalarAsync("SELECT topic_count FROM spaces WHERE slug = 'guides' AND community_id = (SELECT id FROM communities WHERE slug = @Slug)", new { Slug = slug }));
    }

    [Fact]
    public async Task Making_an_article_is_refused_when_unsolved_twice_not_permitted_or_not_a_question()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync();
        var (asker, answerer, other) = (await app.NewMemberAsync("asker"), await app.NewMemberAsync("answerer"), await app.NewMemberAsync("other"));
        await asker.JoinAsync(slug);
        await answerer.JoinAsync(slug);
        await other.JoinAsync(slug);
        var outsider = await app.NewMemberAsync();
        var (question, answer) = await app.UnsolvedQuestionAsync(asker, answerer, slug);
        async Task<long> ArticlesAsync() => await app.ScalarAsync("SELECT COUNT(*) FROM articles WHERE community_id = (SELECT id FROM communities WHERE slug = @Slug)", new { Slug = slug });

        await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Conflict);
        await app.AcceptAsync(question, answer);
        // The answerer and other members are not the asker; outsiders of a public community see it but may not.
        await (await answerer.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Forbidden);
        await (await other.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/topics/{question}/make-article", Api.RawJson("{}"))).StatusCode);
        var badSpace = await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { space = "general" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badSpace["errors"]!["space"]);
        await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { space = "nowhere" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await asker.PostAsync($"/api/v1/topics/{question + 100_000}/make-article", new { })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(0, await ArticlesAsync());

        await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldBe(HttpStatusCode.Created);
        await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal(1, await ArticlesAsync());

        // Only questions: a discussion with an accepted post set is not one.
        var discussion = await steward.NewTopicIdAsync(slug, "Just a chat");
        var reply = (await answerer.ReplyAsync(discussion)).Id();
        await app.AcceptAsync(discussion, reply);
        await (await steward.PostAsync($"/api/v1/topics/{discussion}/make-article", new { })).ShouldFail(HttpStatusCode.Conflict);

        // Without an Articles space there is nowhere to write.
        var bare = await steward.NewCommunityAsync();
        await steward.AddSpaceAsync(bare, "help", "Questions");
        var (q2, _) = await app.SolvedQuestionAsync(steward, steward, bare);
        var nowhere = await (await steward.PostAsync($"/api/v1/topics/{q2}/make-article", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(nowhere["errors"]!["space"]);
        Assert.Equal(1, await ArticlesAsync());
        Assert.Empty(await asker.CreditedAsync());
        Assert.Single(await answerer.CreditedAsync());
    }

    [Fact]
    public async Task Only_editors_publish_a_draft()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewKnowledgeCommunityAsync(policy: "Authors");
        var (asker, member) = (await app.NewMemberAsync("asker"), await app.NewMemberAsync("member"));
        await asker.JoinAsync(slug);
        await member.JoinAsync(slug);
        var (question, _) = await app.SolvedQuestionAsync(asker, steward, slug);
        var id = (await (await asker.PostAsync($"/api/v1/topics/{question}/make-article", new { })).ShouldBe(HttpStatusCode.Created)).Id();

        // A draft is visible to readers, marked as such.
        var seen = await member.ArticleAsync(id);
        Assert.Equal("Draft", seen["state"]!.GetValue<string>());
        Assert.False(seen["viewer"]!["mayPublish"]!.GetValue<bool>());
        await (await member.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal("Draft", (await app.ArticleFootprintAsync(id)).State);
        var published = await (await steward.PostAsync($"/api/v1/topics/{id}/publish", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Published", published["state"]!.GetValue<string>());
        // Publishing is not an edit: the revision stays.
        Assert.Equal(1, published["revision"]!.GetValue<int>());
        await (await member.PostAsync($"/api/v1/topics/{id + 100_000}/publish", new { })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_article_routes_are_in_the_openapi_document()
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/topics/{id}/article", "/api/v1/topics/{id}/revisions", "/api/v1/topics/{id}/revisions/{number}",
            "/api/v1/topics/{id}/diff", "/api/v1/topics/{id}/revert", "/api/v1/topics/{id}/publish",
            "/api/v1/topics/{id}/make-article", "/api/v1/topics/{id}/links", "/api/v1/communities/{slug}/spaces/{space}/settings",
        })
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
        Assert.NotNull(paths["/api/v1/topics/{id}/article"]!["put"]);
        Assert.NotNull(paths["/api/v1/topics/{id}/article"]!["patch"]);
        Assert.NotNull(paths["/api/v1/communities/{slug}/spaces/{space}/settings"]!["patch"]);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ArticlesOnSqlite(SqliteApp app) : ArticlesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ArticlesOnPostgres(PostgresApp app) : ArticlesSpec(app);
