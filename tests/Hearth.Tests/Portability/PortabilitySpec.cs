using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hearth.Tests.Announcements;
using Hearth.Tests.Articles;
using Hearth.Tests.Attachments;
using Hearth.Tests.Discussions;
using Hearth.Tests.Events;
using Hearth.Tests.Ideas;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Portability;

/// <summary>
/// A community leaves as one archive and arrives on "another instance" (the same running app, under a new slug):
/// everything in it comes back, members return only by accepting their invitations, old links redirect, and a
/// member who did not consent is named nowhere in the archive.
/// </summary>
public abstract class PortabilitySpec(HearthApp app)
{
    private sealed record Fixture(string Slug, Member Steward, Member Alice, Member Bob,
        long Discussion, long Question, long Answer, long Idea, long Announcement, long Article, long Event, long Linking, string AttachmentUrl);

    /// <summary>Every space kind, two charter versions, an attachment; the steward and Alice consent, Bob does not.</summary>
    private async Task<Fixture> FixtureAsync()
    {
        var steward = await app.NewMemberAsync("steward");
        var alice = await app.NewMemberAsync("alice");
        var bob = await app.NewMemberAsync("bob");
        var slug = await steward.NewCommunityAsync();
        foreach (var m in new[] { alice, bob }) await m.JoinAsync(slug);
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { purpose = "To share what we know, **together**." })).ShouldBe(HttpStatusCode.OK);
        foreach (var m in new[] { alice, bob }) await m.JoinAsync(slug); // rules changed: accepting again is harmless
        await steward.AddSpaceAsync(slug, "help", "Questions");
        await steward.AddSpaceAsync(slug, IdeaSteps.Space, "Ideas");
        await steward.AddAnnouncementsAsync(slug, "news");
        await steward.AddSpaceAsync(slug, "kb", "Articles");
        await steward.NewEventsSpaceAsync(slug, "meetups");
        await (await steward.ConsentAsync(slug)).ShouldBe(HttpStatusCode.OK);
        await (await alice.ConsentAsync(slug)).ShouldBe(HttpStatusCode.OK);

        var discussion = (await bob.NewTopicAsync(slug, "Bob opens a discussion", "Hello from **Bob**.")).Id();
        var first = (await alice.ReplyAsync(discussion, $"Welcome @{bob.UserName}!"))!.Id();
        await steward.ReplyAsync(discussion, "Agreed.", replyTo: first);
        var (question, answer) = await app.UnsolvedQuestionAsync(alice, bob, slug, "How do I bake bread?", "It never rises.", "Use **more** yeast.");
        await (await alice.PostAsync($"/api/v1/topics/{question}/accept", new { postId = answer })).ShouldBe(HttpStatusCode.OK);
        var idea = (await bob.ProposeAsync(slug, "A bread calendar")).Id();
        await alice.VoteForOkAsync(idea);
        await steward.ChangeStatusOkAsync(idea, "Planned", "We will do it in spring.");
        var announcement = (await steward.NewTopicAsync(slug, "Welcome to the new season", "Read the rules.", space: "news")).Id();
        var article = await alice.NewArticleAsync(slug, "How we knead", "Knead for ten minutes.\n");
        await bob.EditOkAsync(article, "Knead for twelve minutes.\n", 1, "Longer");
        var ev = (await steward.NewEventAsync(slug, "meetups", TimeSpan.FromDays(10), capacity: 12, title: "Bake-off")).Id();
        var file = await steward.UploadedAsync(slug, AttachmentSteps.Png);
        var linking = (await steward.NewTopicAsync(slug, "Pictures and links",
            $"Look: ![cat]({file.Url()}) and see [Bob's topic](/t/{discussion}/bob-opens-a-discussion#post-2).")).Id();
        return new Fixture(slug, steward, alice, bob, discussion, question, answer, idea, announcement, article, ev, linking, file.Url());
    }

    [Fact]
    public async Task An_export_holds_every_part_of_the_community_and_names_only_members_who_consented()
    {
        var f = await FixtureAsync();
        var entries = PortabilitySteps.Entries(await f.Steward.ExportAsync(f.Slug));

        foreach (var name in new[] { "manifest.json", "community.json", "charter-versions.json", "members.json", "spaces.json", "topics.jsonl", "posts.jsonl", "attachments.json" })
            Assert.Contains(name, entries.Keys);
        var manifest = JsonNode.Parse(entries["manifest.json"])!;
        Assert.Equal("hearth-community", manifest["format"]!.GetValue<string>());
        Assert.Equal(1, manifest["version"]!.GetValue<int>());
        Assert.Equal(7, manifest["counts"]!["topics"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(entries["charter-versions.json"])!.AsArray().Count);
        Assert.Equal(["Announcements", "Articles", "Discussion", "Events", "Ideas", "Questions"],
            JsonNode.Parse(entries["spaces.json"])!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).Order());
        var members = JsonNode.Parse(entries["members.json"])!.AsArray();
        Assert.Equal([f.Alice.UserName, f.Steward.UserName], members.Select(m => m!["userName"]!.GetValue<string>()).Order());
        Assert.Contains(members, m => m!["email"]!.GetValue<string>() == f.Alice.Email);

        var topics = PortabilitySteps.Lines(entries["topics.jsonl"]);
        var question = topics.Single(t => t["id"]!.GetValue<long>() == f.Question);
        Assert.Equal(f.Answer, question["question"]!["acceptedPostId"]!.GetValue<long>());
        var idea = topics.Single(t => t["id"]!.GetValue<long>() == f.Idea);
        Assert.Equal(1, idea["idea"]!["votes"]!.GetValue<int>());
        Assert.Equal("Planned", idea["idea"]!["status"]!.GetValue<string>());
        Assert.Equal(2, topics.Single(t => t["id"]!.GetValue<long>() == f.Article)["article"]!["revisions"]!.AsArray().Count);
        Assert.Equal(12, topics.Single(t => t["id"]!.GetValue<long>() == f.Event)["event"]!["capacity"]!.GetValue<int>());
        Assert.StartsWith($"/t/{f.Discussion}/", topics.Single(t => t["id"]!.GetValue<long>() == f.Discussion)["path"]!.GetValue<string>());
        var attachment = JsonNode.Parse(entries["attachments.json"])!.AsArray().Single()!;
        Assert.Equal(Encoding.Latin1.GetString(AttachmentSteps.Png), entries[attachment["file"]!.GetValue<string>()]);

        // Bob did not consent: neither his user name nor his e-mail is anywhere, not even in Alice's mention of him.
        foreach (var (name, text) in entries)
        {
            Assert.DoesNotContain(f.Bob.UserName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(f.Bob.Email, text, StringComparison.OrdinalIgnoreCase);
        }
        var mention = PortabilitySteps.Lines(entries["posts.jsonl"]).Single(p => p["body"]!.GetValue<string>().StartsWith("Welcome @", StringComparison.Ordinal));
        Assert.Matches(@"^Welcome @member-\d+!$", mention["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_imported_community_comes_back_whole_and_members_rejoin_only_by_accepting()
    {
        var f = await FixtureAsync();
        var archive = await f.Steward.ExportAsync(f.Slug);
        var importer = await app.NewMemberAsync("importer");
        var newSlug = f.Slug + "-moved";

        // The archive's own slug is taken on this instance: 409, unless a new one is named.
        await (await importer.ImportAsync(archive)).ShouldFail(HttpStatusCode.Conflict);
        var imported = await (await importer.ImportAsync(archive, newSlug)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(newSlug, imported["slug"]!.GetValue<string>());
        Assert.Equal($"/c/{newSlug}", imported["url"]!.GetValue<string>());
        var community = await importer.GetJsonAsync($"/api/v1/communities/{newSlug}");
        Assert.Equal("Steward", community["viewer"]!["role"]!.GetValue<string>());
        Assert.Equal(2, community["rulesVersion"]!.GetValue<int>());
        Assert.Contains("together", community["purpose"]!.GetValue<string>());

        var newId = await app.ScalarAsync("SELECT id FROM communities WHERE slug = @Slug", new { Slug = newSlug });
        async Task<long> NewTopic(string title) => await app.ScalarAsync("SELECT id FROM topics WHERE community_id = @C AND title = @T", new { C = newId, T = title });
        var spaces = await app.QueryAsync<string>("SELECT kind FROM spaces WHERE community_id = @C ORDER BY kind", new { C = newId });
        Assert.Equal(["Announcements", "Articles", "Discussion", "Events", "Ideas", "Questions"], spaces);

        // Topics and posts: the same titles and Markdown, rendered again here.
        var oldPosts = await app.QueryAsync<string>("SELECT p.body FROM posts p JOIN topics t ON t.id = p.topic_id JOIN communities c ON c.id = t.community_id WHERE c.slug = @S ORDER BY p.body", new { S = f.Slug });
        var newPosts = await app.QueryAsync<string>("SELECT p.body FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.community_id = @C ORDER BY p.body", new { C = newId });
        Assert.Equal(oldPosts.Count, newPosts.Count);
        var discussion = await NewTopic("Bob opens a discussion");
        var thread = await importer.GetJsonAsync($"/api/v1/topics/{discussion}");
        Assert.Equal(3, thread["posts"]!.AsArray().Count);
        Assert.Contains("<strong>Bob</strong>", thread["posts"]![0]!["bodyHtml"]!.GetValue<string>());

        // Questions keep their accepted answer, ideas their votes and status history, articles their revisions, events their time.
        var question = await importer.GetJsonAsync($"/api/v1/topics/{await NewTopic("How do I bake bread?")}");
        Assert.True(question["solved"]!.GetValue<bool>());
        Assert.Equal(question["posts"]![1]!["id"]!.GetValue<long>(), question["acceptedPostId"]!.GetValue<long>());
        var idea = await importer.GetJsonAsync($"/api/v1/topics/{await NewTopic("A bread calendar")}");
        Assert.Equal(1, idea["votes"]!.GetValue<int>());
        Assert.Equal("Planned", idea["status"]!.GetValue<string>());
        Assert.Single(idea["statusHistory"]!.AsArray());
        var article = await NewTopic("How we knead");
        Assert.Equal(2, await app.ScalarAsync("SELECT COUNT(*) FROM article_revisions WHERE topic_id = @T", new { T = article }));
        Assert.Contains("twelve", (await importer.GetJsonAsync($"/api/v1/topics/{article}/article")).ToJsonString());
        var oldEvent = await app.QueryOneAsync<DateTime>("SELECT starts_at FROM events WHERE topic_id = @T", new { T = f.Event });
        Assert.Equal(oldEvent, await app.QueryOneAsync<DateTime>("SELECT starts_at FROM events WHERE topic_id = @T", new { T = await NewTopic("Bake-off") }));
        Assert.Equal(12, await app.ScalarAsync("SELECT capacity FROM events WHERE topic_id = @T", new { T = await NewTopic("Bake-off") }));
        Assert.True(await NewTopic("Welcome to the new season") > 0);

        // The attachment: a new file with the same bytes; links to the old topic point at the new one.
        var linking = await importer.GetJsonAsync($"/api/v1/topics/{await NewTopic("Pictures and links")}");
        var html = linking["posts"]![0]!["bodyHtml"]!.GetValue<string>();
        var src = System.Text.RegularExpressions.Regex.Match(html, "/attachments/[0-9a-f]{32}/[^\"]+").Value;
        Assert.NotEqual("", src);
        Assert.NotEqual(f.AttachmentUrl, src);
        Assert.Equal(AttachmentSteps.Png, await (await importer.GetAsync(src)).Content.ReadAsByteArrayAsync());
        Assert.Contains($"/t/{discussion}/bob-opens-a-discussion#post-2", html);

        // Nobody was made a member: Alice and the steward were invited, Bob (no consent) was not, and his posts carry a pseudonym.
        Assert.Equal(1, community["memberCount"]!.GetValue<int>());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM memberships WHERE community_id = @C AND user_id IN (@A, @B, @S)", new { C = newId, A = f.Alice.Id, B = f.Bob.Id, S = f.Steward.Id }));
        Assert.Equal(2, await app.ScalarAsync("SELECT COUNT(*) FROM invitations WHERE community_id = @C", new { C = newId }));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM invitations WHERE community_id = @C AND email = @E", new { C = newId, E = f.Bob.Email }));
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM email_outbox WHERE kind = 'invitation' AND to_address = @E", new { E = f.Alice.Email }));
        var bobsName = await app.QueryOneAsync<string>("SELECT u.display_name FROM topics t JOIN users u ON u.id = t.author_id WHERE t.id = @T", new { T = discussion });
        Assert.StartsWith("Former member", bobsName);

        var invitation = (await IdeaSteps.NotificationsAsync(f.Alice)).Single(n => n["kind"]!.GetValue<string>() == "invitation" && n["url"]!.GetValue<string>().StartsWith("/invitations/", StringComparison.Ordinal));
        var questionId = await NewTopic("How do I bake bread?");
        Assert.NotEqual(f.Alice.Id, await app.ScalarAsync("SELECT author_id FROM topics WHERE id = @T", new { T = questionId }));
        var token = invitation["url"]!.GetValue<string>()["/invitations/".Length..];
        await (await f.Alice.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 2 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Active", (await f.Alice.GetJsonAsync($"/api/v1/communities/{newSlug}"))["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(f.Alice.Id, await app.ScalarAsync("SELECT author_id FROM topics WHERE id = @T", new { T = questionId }));
        Assert.Equal(f.Alice.Id, await app.ScalarAsync("SELECT author_id FROM posts WHERE topic_id = @T AND post_number = 2", new { T = discussion }));
        Assert.Equal(f.Alice.Id, await app.ScalarAsync("SELECT author_id FROM article_revisions WHERE topic_id = @T AND number = 1", new { T = article }));
        // Bob cannot take Alice's invitation, nor does anyone get Bob's posts.
        await (await f.Bob.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 2 })).ShouldFail(HttpStatusCode.NotFound);
        Assert.NotEqual(f.Bob.Id, await app.ScalarAsync("SELECT author_id FROM topics WHERE id = @T", new { T = discussion }));
    }

    [Fact]
    public async Task Old_topic_links_answer_301_to_the_imported_topic_once_the_old_one_is_gone()
    {
        var f = await FixtureAsync();
        var archive = await f.Steward.ExportAsync(f.Slug);
        var importer = await app.NewMemberAsync("importer");
        var newSlug = f.Slug + "-new";
        // As a form upload this time: the archive is the multipart body's file field.
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(archive);
        file.Headers.ContentType = new("application/zip");
        form.Add(file, "file", "community.zip");
        await (await importer.Http.PostAsync($"/api/v1/communities/import?slug={newSlug}", form)).ShouldBe(HttpStatusCode.Created);
        var newTopic = await app.ScalarAsync("SELECT t.id FROM topics t JOIN communities c ON c.id = t.community_id WHERE c.slug = @S AND t.title = 'Bob opens a discussion'", new { S = newSlug });

        // While the old topic exists it answers itself: redirects are only for paths nothing here answers.
        var browser = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{f.Discussion}/bob-opens-a-discussion")).Response.StatusCode);
        // "Another instance": the old topic is not on this one.
        await app.ScalarAsync("DELETE FROM topics WHERE id = @Id", new { Id = f.Discussion });
        var (moved, _) = await browser.GetAsync($"/t/{f.Discussion}/bob-opens-a-discussion?page=2");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"/t/{newTopic}/bob-opens-a-discussion?page=2", moved.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/t/987654321/nothing")).Response.StatusCode);
    }

    [Fact]
    public async Task Broken_or_hostile_archives_are_refused_and_nothing_is_created()
    {
        var f = await FixtureAsync();
        var archive = await f.Steward.ExportAsync(f.Slug);
        var importer = await app.NewMemberAsync("importer");
        var before = await app.ImportFootprintAsync();

        var store = (Hearth.Features.Attachments.AttachmentStore)app.Services.GetService(typeof(Hearth.Features.Attachments.AttachmentStore))!;
        var files = AttachmentSteps.FilesIn(store.Root).Length;
        var attachmentEntry = PortabilitySteps.Entries(archive).Keys.Single(k => k.StartsWith("attachments/", StringComparison.Ordinal));
        var manifest = JsonNode.Parse(PortabilitySteps.Entries(archive)["manifest.json"])!;
        manifest["version"] = 99;
        var bad = new Dictionary<string, byte[]>
        {
            ["not a zip"] = Encoding.UTF8.GetBytes("this is plain text, not an archive"),
            ["wrong version"] = PortabilitySteps.Rewrite(archive, new() { ["manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString()) }),
            ["path traversal"] = PortabilitySteps.Rewrite(archive, new() { ["../../evil.txt"] = "owned"u8.ToArray() }),
            ["zip bomb"] = PortabilitySteps.Rewrite(archive, new() { ["posts.jsonl"] = new byte[64 * 1024 * 1024] }),
            ["missing file"] = PortabilitySteps.Rewrite(archive, new() { ["spaces.json"] = null }),
            ["broken json"] = PortabilitySteps.Rewrite(archive, new() { ["topics.jsonl"] = "{\"id\": 1, \"title\": "u8.ToArray() }),
            ["attachment that is not what it says"] = PortabilitySteps.Rewrite(archive, new() { [attachmentEntry] = AttachmentSteps.Html }),
            ["post of no topic"] = PortabilitySteps.Rewrite(archive, new() { ["posts.jsonl"] = """{"id":1,"topicId":424242,"number":1,"author":"member-1","body":"x","createdAt":"2024-01-01T00:00:00Z"}"""u8.ToArray() }),
        };
        foreach (var (what, bytes) in bad)
        {
            var problem = await (await importer.ImportAsync(bytes, f.Slug + "-x")).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?["archive"] is not null, $"{what}: {problem.ToJsonString()}");
        }
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new("application/zip");
        await (await importer.Http.PostAsync("/api/v1/communities/import", empty)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await app.ImportFootprintAsync());
        Assert.Equal(files, AttachmentSteps.FilesIn(store.Root).Length);
        await (await app.CreateClient().PostAsync("/api/v1/communities/import", new ByteArrayContent(archive))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_stewards_export_and_private_communities_stay_unknown_to_outsiders()
    {
        var steward = await app.NewMemberAsync("steward");
        var member = await app.NewMemberAsync("member");
        var outsider = await app.NewMemberAsync("outsider");
        var open = await steward.NewCommunityAsync();
        await member.JoinAsync(open);
        await (await member.GetAsync($"/api/v1/communities/{open}/export")).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.GetAsync($"/api/v1/communities/{open}/export")).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/communities/{open}/export")).StatusCode);

        var hidden = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        await (await outsider.GetAsync($"/api/v1/communities/{hidden}/export")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.ConsentAsync(hidden)).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await steward.GetAsync($"/api/v1/communities/{hidden}/export")).StatusCode);
    }

    [Fact]
    public async Task Consent_is_off_until_the_member_turns_it_on_and_only_members_have_one()
    {
        var steward = await app.NewMemberAsync("steward");
        var member = await app.NewMemberAsync("member");
        var outsider = await app.NewMemberAsync("outsider");
        var slug = await steward.NewCommunityAsync();
        await member.JoinAsync(slug);
        var url = $"/api/v1/communities/{slug}/membership/export-consent";
        Assert.False((await member.GetJsonAsync(url))["consent"]!.GetValue<bool>());
        Assert.Empty(JsonNode.Parse(PortabilitySteps.Entries(await steward.ExportAsync(slug))["members.json"])!.AsArray());
        Assert.True((await (await member.ConsentAsync(slug)).ShouldBe(HttpStatusCode.OK))["consent"]!.GetValue<bool>());
        Assert.True((await member.GetJsonAsync(url))["consent"]!.GetValue<bool>());
        var members = JsonNode.Parse(PortabilitySteps.Entries(await steward.ExportAsync(slug))["members.json"])!.AsArray();
        Assert.Equal(member.UserName, members.Single()!["userName"]!.GetValue<string>());
        await (await member.PutAsync(url, new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await outsider.ConsentAsync(slug)).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.ConsentAsync(slug, false)).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(JsonNode.Parse(PortabilitySteps.Entries(await steward.ExportAsync(slug))["members.json"])!.AsArray());
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class PortabilityOnSqlite(SqliteApp app) : PortabilitySpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class PortabilityOnPostgres(PostgresApp app) : PortabilitySpec(app);
