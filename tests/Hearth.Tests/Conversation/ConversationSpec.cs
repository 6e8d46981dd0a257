using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Announcements;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Conversation;

/// <summary>Mentions, quotes, reactions, edits with revisions and deletion by authors, through the API.</summary>
public abstract class ConversationSpec(HearthApp app)
{
    private static readonly Action<Dictionary<string, object?>> Private = b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; };

    // ---- mentions ----

    [Fact]
    public async Task Mentions_link_to_profiles_outside_code_and_tell_the_members_named()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await steward.ReplyAsync(topic.Id(),
            $"Thanks @{member.UserName}! Not `@{member.UserName}` in code, nor [@{member.UserName}](https://example.org), nor @nobody_here_at_all.\n\n```\n@{member.UserName}\n```");

        var html = reply["bodyHtml"]!.GetValue<string>();
        Assert.Contains($"<a href=\"/u/{member.UserName}\"", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, $"href=\"/u/{member.UserName}\""));
        Assert.Contains($"<code>@{member.UserName}</code>", html);
        Assert.DoesNotContain("/u/nobody_here_at_all", html);
        var told = Assert.Single(await member.NotificationsAsync("mention"));
        Assert.Contains("mentioned you", told["text"]!.GetValue<string>());
        Assert.EndsWith($"#post-{reply["postNumber"]!.GetValue<int>()}", told["url"]!.GetValue<string>());
        // Nobody hears of mentioning themselves.
        await steward.ReplyAsync(topic.Id(), $"Note to self, @{steward.UserName}.");
        Assert.Empty(await steward.NotificationsAsync("mention"));
    }

    [Fact]
    public async Task A_watcher_who_is_mentioned_hears_of_the_reply_once_as_a_mention()
    {
        var (_, steward, member, topic) = await app.ConversationAsync();
        await member.ReplyAsync(topic.Id(), "I watch this topic now, having replied.");
        var reply = await steward.ReplyAsync(topic.Id(), $"What do you think, @{member.UserName}?");

        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @User AND post_id = @Post",
            new { User = member.Id, Post = reply.Id() }));
        Assert.Single(await member.NotificationsAsync("mention"));
        // Without the mention, the watcher still hears of the next reply.
        var next = await steward.ReplyAsync(topic.Id(), "Another thought.");
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @User AND post_id = @Post AND kind = 'post'",
            new { User = member.Id, Post = next.Id() }));
    }

    [Fact]
    public async Task Only_members_who_may_see_a_private_topic_hear_of_being_mentioned_in_it()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync(Private);
        var outsider = await app.NewMemberAsync("outsider");
        await steward.ReplyAsync(topic.Id(), $"@{member.UserName} and @{outsider.UserName}, look.");

        Assert.Single(await member.NotificationsAsync("mention"));
        Assert.Equal(0, await app.StoredNotificationsAsync(outsider.Id, "mention"));

        // In a Public community anyone may see the topic, so an outsider is told too.
        var open = await steward.NewCommunityAsync();
        var openTopic = await steward.NewTopicIdAsync(open, "Open to all");
        await steward.ReplyAsync(openTopic, $"@{outsider.UserName}, you may like this.");
        Assert.Equal(1, await app.StoredNotificationsAsync(outsider.Id, "mention"));
    }

    [Fact]
    public async Task A_post_tells_at_most_ten_of_the_members_it_mentions()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var members = new List<Member>();
        for (var i = 0; i < 12; i++)
        {
            var m = await app.NewMemberAsync("crowd");
            await m.JoinAsync(slug);
            members.Add(m);
        }
        var topic = await steward.NewTopicAsync(slug, "Everyone, please", string.Join(" ", members.Select(m => "@" + m.UserName)));

        var told = 0;
        foreach (var m in members) told += (int)await app.StoredNotificationsAsync(m.Id, "mention");
        Assert.Equal(10, told);
        Assert.Equal(1, await app.StoredNotificationsAsync(members[0].Id, "mention"));
        Assert.Equal(0, await app.StoredNotificationsAsync(members[11].Id, "mention"));
        // Every mention is still linked.
        Assert.Equal(12, System.Text.RegularExpressions.Regex.Matches(topic.Post(1)["bodyHtml"]!.GetValue<string>(), "class=\"mention\"").Count);
    }

    [Fact]
    public async Task Mention_completion_suggests_active_members_by_prefix_to_readers_only()
    {
        var (slug, steward, member, _) = await app.ConversationAsync(Private);
        var found = await steward.GetJsonAsync($"/api/v1/communities/{slug}/mentions?q={member.UserName[..8]}");
        Assert.Contains(member.UserName, found["items"]!.AsArray().Select(i => i!["userName"]!.GetValue<string>()));
        var none = await steward.GetJsonAsync($"/api/v1/communities/{slug}/mentions?q=zz_no_one");
        Assert.Empty(none["items"]!.AsArray());
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.GetAsync($"/api/v1/communities/{slug}/mentions?q=m")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/mentions?q=m")).ShouldFail(HttpStatusCode.NotFound);
    }

    // ---- reply links and quotes ----

    [Fact]
    public async Task Quoting_a_post_tells_its_author_once_whatever_else_names_them()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var first = topic.Post(1);
        var quote = $"> [{steward.UserName} wrote]({topic["url"]!.GetValue<string>()}#post-1):\n> Where shall we meet\n\nAt the library, @{steward.UserName}.";
        await member.ReplyAsync(topic.Id(), quote, replyTo: first.Id());

        var quoted = Assert.Single(await steward.NotificationsAsync("quote"));
        Assert.Contains("quoted you", quoted["text"]!.GetValue<string>());
        Assert.Empty(await steward.NotificationsAsync("mention"));
        var reply = (await member.GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(2);
        Assert.Equal(first.Id(), reply["replyTo"]!.GetValue<long>());
        // A link to another topic's post is no quote of this one.
        var other = await member.NewTopicAsync(slug, "Another topic");
        await steward.ReplyAsync(other.Id(), $"> [{member.UserName} wrote]({topic["url"]!.GetValue<string>()}#post-2):\n> At the library");
        Assert.Empty(await member.NotificationsAsync("quote"));
    }

    // ---- reactions ----

    [Fact]
    public async Task Reactions_are_one_of_each_kind_per_member_and_idempotent_both_ways()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var post = topic.Post(1).Id();
        var second = await app.NewMemberAsync("second");
        await second.JoinAsync(slug);

        var liked = await (await member.ReactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, liked["reactions"]!["like"]!.GetValue<int>());
        Assert.Equal(["like"], liked["myReactions"].Strings());
        await (await member.ReactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);
        await (await member.ReactAsync(post, "thanks")).ShouldBe(HttpStatusCode.OK);
        await (await second.ReactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);

        var shown = (await second.GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(1);
        Assert.Equal(2, shown["reactions"]!["like"]!.GetValue<int>());
        Assert.Equal(1, shown["reactions"]!["thanks"]!.GetValue<int>());
        Assert.Equal(["like"], shown["myReactions"].Strings());
        var who = await app.CreateClient().GetJsonAsync($"/api/v1/posts/{post}/reactions");
        Assert.Equal(3, who["items"]!.AsArray().Count);
        Assert.Equal(member.UserName, who["items"]![0]!["member"]!["userName"]!.GetValue<string>());
        var paged = await app.CreateClient().GetJsonAsync($"/api/v1/posts/{post}/reactions?limit=2");
        Assert.Equal(2, paged["items"]!.AsArray().Count);
        var rest = await app.CreateClient().GetJsonAsync($"/api/v1/posts/{post}/reactions?limit=2&cursor={paged["next"]!.GetValue<string>()}");
        Assert.Equal(second.UserName, Assert.Single(rest["items"]!.AsArray())!["member"]!["userName"]!.GetValue<string>());

        var taken = await (await member.UnreactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, taken["reactions"]!["like"]!.GetValue<int>());
        await (await member.UnreactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["thanks"], (await member.GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(1)["myReactions"].Strings());

        var bad = await (await member.ReactAsync(post, "angry")).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(bad["errors"]!["kind"]);
        await (await member.ReactAsync(999_999_999, "like")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_members_react_and_private_posts_stay_unknown_to_outsiders()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var post = topic.Post(1).Id();
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.ReactAsync(post, "like")).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync($"/api/v1/posts/{post}/reactions/like", null)).StatusCode);

        var (_, privateSteward, _, privateTopic) = await app.ConversationAsync(Private);
        var privatePost = privateTopic.Post(1).Id();
        await (await privateSteward.ReactAsync(privatePost, "like")).ShouldBe(HttpStatusCode.OK);
        await (await outsider.ReactAsync(privatePost, "like")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/posts/{privatePost}/reactions")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/posts/{privatePost}/reactions")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/posts/{privatePost}/revisions")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_author_hears_of_reactions_in_one_notification_per_post_until_it_is_read()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var post = topic.Post(1).Id();
        var others = new List<Member> { member };
        for (var i = 0; i < 2; i++)
        {
            var m = await app.NewMemberAsync("fan");
            await m.JoinAsync(slug);
            others.Add(m);
        }
        foreach (var m in others) await (await m.ReactAsync(post, "like")).ShouldBe(HttpStatusCode.OK);
        await (await member.ReactAsync(post, "celebrate")).ShouldBe(HttpStatusCode.OK);
        await (await steward.ReactAsync(post, "thanks")).ShouldBe(HttpStatusCode.OK);

        var one = Assert.Single(await steward.NotificationsAsync("reaction"));
        Assert.Contains("and 2 others reacted", one["text"]!.GetValue<string>());
        Assert.Equal(member.UserName, one["actor"]!.GetValue<string>());

        await (await steward.PostAsync("/api/v1/notifications/read", new { })).ShouldBe(HttpStatusCode.OK);
        var late = await app.NewMemberAsync("late");
        await late.JoinAsync(slug);
        await (await late.ReactAsync(post, "insightful")).ShouldBe(HttpStatusCode.OK);
        var both = await steward.NotificationsAsync("reaction");
        Assert.Equal(2, both.Count);
        Assert.False(both[0]["read"]!.GetValue<bool>());
    }

    // ---- edits and revisions ----

    [Fact]
    public async Task Authors_edit_their_posts_and_every_revision_is_kept()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await member.ReplyAsync(topic.Id(), "We could meet at the *park*.");
        var id = reply.Id();
        Assert.Empty((await app.CreateClient().GetJsonAsync($"/api/v1/posts/{id}/revisions"))["items"]!.AsArray());

        var edited = await (await member.PatchAsync($"/api/v1/posts/{id}", new { body = "We could meet at the **library**." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, edited["revision"]!.GetValue<int>());
        Assert.Contains("<strong>library</strong>", edited["bodyHtml"]!.GetValue<string>());
        await (await member.PatchAsync($"/api/v1/posts/{id}", new { body = "The library, at six." })).ShouldBe(HttpStatusCode.OK);

        var revisions = (await app.CreateClient().GetJsonAsync($"/api/v1/posts/{id}/revisions"))["items"]!.AsArray();
        Assert.Equal([1, 2, 3], revisions.Select(r => r!["revision"]!.GetValue<int>()));
        Assert.Equal("We could meet at the *park*.", revisions[0]!["body"]!.GetValue<string>());
        Assert.Equal("The library, at six.", revisions[2]!["body"]!.GetValue<string>());
        Assert.All(revisions, r => Assert.Equal(member.UserName, r!["editor"]!["userName"]!.GetValue<string>()));
        var shown = (await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(2);
        Assert.True(shown["edited"]!.GetValue<bool>());
        Assert.NotNull(shown["editedAt"]);
        Assert.False((await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(1)["edited"]!.GetValue<bool>());

        // A newly mentioned member is told; one mentioned before is not told again.
        await (await member.PatchAsync($"/api/v1/posts/{id}", new { body = $"The library, @{steward.UserName}." })).ShouldBe(HttpStatusCode.OK);
        await (await member.PatchAsync($"/api/v1/posts/{id}", new { body = $"The library at six, @{steward.UserName}." })).ShouldBe(HttpStatusCode.OK);
        Assert.Single(await steward.NotificationsAsync("mention"));
    }

    [Fact]
    public async Task Editing_the_first_post_may_retitle_the_topic_but_a_reply_has_no_title()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var edited = await (await steward.PatchAsync($"/api/v1/posts/{topic.Post(1).Id()}", new { body = "Where and when?", title = "Where and when shall we meet" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Where and when shall we meet", edited["topicTitle"]!.GetValue<string>());
        var after = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal("Where and when shall we meet", after["title"]!.GetValue<string>());
        Assert.Contains("where-and-when", after["url"]!.GetValue<string>());

        var reply = await member.ReplyAsync(topic.Id(), "Friday?");
        var refused = await (await member.PatchAsync($"/api/v1/posts/{reply.Id()}", new { body = "Saturday?", title = "My title now" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(refused["errors"]!["title"]);
        var empty = await (await member.PatchAsync($"/api/v1/posts/{reply.Id()}", new { body = " " })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(empty["errors"]!["body"]);
        await (await member.Http.PatchAsync($"/api/v1/posts/{reply.Id()}", Api.RawJson("{\"body\": 5}"))).ShouldFail(HttpStatusCode.BadRequest);
        Assert.Equal("<p>Friday?</p>\n", (await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(2)["bodyHtml"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_author_or_a_moderator_edits_a_post_and_moderator_edits_are_audited()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await member.ReplyAsync(topic.Id(), "First thoughts.");
        var other = await app.NewMemberAsync("other");
        await other.JoinAsync(slug);
        await (await other.PatchAsync($"/api/v1/posts/{reply.Id()}", new { body = "Vandalised." })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PatchAsync($"/api/v1/posts/{reply.Id()}", Api.RawJson("{\"body\": \"x\"}"))).StatusCode);
        var moderator = await app.NewMemberAsync("moderator");
        await moderator.JoinAsync(slug);
        await steward.MakeModeratorAsync(slug, moderator);
        await (await moderator.PatchAsync($"/api/v1/posts/{reply.Id()}", new { body = "First thoughts (link removed)." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'edit_post' AND actor_id = @Id", new { Id = moderator.Id }));
        var revisions = (await app.CreateClient().GetJsonAsync($"/api/v1/posts/{reply.Id()}/revisions"))["items"]!.AsArray();
        Assert.Equal([member.UserName, moderator.UserName], revisions.Select(r => r!["editor"]!["userName"]!.GetValue<string>()));

        var (_, privateSteward, _, privateTopic) = await app.ConversationAsync(Private);
        await (await other.PatchAsync($"/api/v1/posts/{privateTopic.Post(1).Id()}", new { body = "x" })).ShouldFail(HttpStatusCode.NotFound);
    }

    // ---- deletion by the author ----

    [Fact]
    public async Task Authors_delete_and_restore_their_posts_and_the_counts_follow()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await member.ReplyAsync(topic.Id(), "Something I regret saying.");
        var other = await app.NewMemberAsync("other");
        await other.JoinAsync(slug);
        await (await other.DeletePostAsync(reply.Id())).ShouldFail(HttpStatusCode.Forbidden);
        await (await steward.DeletePostAsync(reply.Id())).ShouldFail(HttpStatusCode.Forbidden);

        var deleted = await (await member.DeletePostAsync(reply.Id())).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Deleted", deleted["state"]!.GetValue<string>());
        await (await member.DeletePostAsync(reply.Id())).ShouldBe(HttpStatusCode.OK);
        var seen = await other.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal(0, seen["replyCount"]!.GetValue<int>());
        var placeholder = seen.Post(2);
        Assert.Equal("Deleted", placeholder["state"]!.GetValue<string>());
        Assert.Equal("", placeholder["bodyHtml"]!.GetValue<string>());
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM posts WHERE id = @Id AND body = 'Something I regret saying.'", new { Id = reply.Id() }));
        // A deleted post takes no reactions, edits or replies to it.
        await (await other.ReactAsync(reply.Id(), "like")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.PatchAsync($"/api/v1/posts/{reply.Id()}", new { body = "Edited." })).ShouldFail(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/topics/{topic.Id()}/posts", new { body = "Re", replyTo = reply.Id() })).ShouldFail(HttpStatusCode.UnprocessableEntity);

        var restored = await (await member.PostAsync($"/api/v1/posts/{reply.Id()}/restore", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Visible", restored["state"]!.GetValue<string>());
        await (await member.PostAsync($"/api/v1/posts/{reply.Id()}/restore", new { })).ShouldBe(HttpStatusCode.OK);
        var back = await other.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal(1, back["replyCount"]!.GetValue<int>());
        Assert.Contains("regret", back.Post(2)["bodyHtml"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hidden_and_held_posts_show_no_body_except_to_moderators_and_their_authors_cannot_undo_it()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var hidden = await member.ReplyAsync(topic.Id(), "Something a moderator hid.");
        var held = await member.ReplyAsync(topic.Id(), "Something held for approval.");
        await app.ScalarAsync("UPDATE posts SET state = 'Hidden' WHERE id = @Id", new { Id = hidden.Id() });
        await app.ScalarAsync("UPDATE posts SET state = 'Pending' WHERE id = @Id", new { Id = held.Id() });

        foreach (var reader in new[] { app.CreateClient(), member.Http })
        {
            var seen = await reader.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
            Assert.Equal("Hidden", seen.Post(2)["state"]!.GetValue<string>());
            Assert.Equal("", seen.Post(2)["bodyHtml"]!.GetValue<string>());
            Assert.Equal("", seen.Post(3)["bodyHtml"]!.GetValue<string>());
        }
        Assert.Contains("hid", (await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}")).Post(2)["bodyHtml"]!.GetValue<string>());
        await (await member.PostAsync($"/api/v1/posts/{hidden.Id()}/restore", new { })).ShouldFail(HttpStatusCode.Conflict);
        await (await member.DeletePostAsync(held.Id())).ShouldFail(HttpStatusCode.Conflict);
        await (await member.GetAsync($"/api/v1/posts/{hidden.Id()}/revisions")).ShouldFail(HttpStatusCode.NotFound);
    }

    // ---- moderator topic actions ----

    [Fact]
    public async Task Moderators_lock_archive_and_move_topics_and_each_action_is_audited()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        await steward.AddSpaceAsync(slug, "elsewhere");
        var id = topic.Id();
        await (await member.PostAsync($"/api/v1/topics/{id}/lock", new { locked = true })).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.PostAsync($"/api/v1/topics/{id}/archive", new { archived = true })).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.PostAsync($"/api/v1/topics/{id}/move", new { space = "elsewhere" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await steward.PostAsync($"/api/v1/topics/{id}/lock", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);

        var locked = await (await steward.PostAsync($"/api/v1/topics/{id}/lock", new { locked = true })).ShouldBe(HttpStatusCode.OK);
        Assert.True(locked["locked"]!.GetValue<bool>());
        await (await member.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Too late?" })).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PostAsync($"/api/v1/topics/{id}/lock", new { locked = false })).ShouldBe(HttpStatusCode.OK);
        await member.ReplyAsync(id, "Open again.");

        var archived = await (await steward.PostAsync($"/api/v1/topics/{id}/archive", new { archived = true })).ShouldBe(HttpStatusCode.OK);
        Assert.True(archived["archived"]!.GetValue<bool>());
        var refused = await (await member.PostAsync($"/api/v1/topics/{id}/posts", new { body = "Hello?" })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("archived", refused["title"]!.GetValue<string>());
        await (await member.ReactAsync(topic.Post(1).Id(), "like")).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PostAsync($"/api/v1/topics/{id}/archive", new { archived = false })).ShouldBe(HttpStatusCode.OK);

        var moved = await (await steward.PostAsync($"/api/v1/topics/{id}/move", new { space = "elsewhere" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("elsewhere", moved["space"]!["slug"]!.GetValue<string>());
        var spaces = (await member.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray();
        Assert.Equal(0, spaces.Single(s => s!["slug"]!.GetValue<string>() == "general")!["topicCount"]!.GetValue<int>());
        Assert.Equal(1, spaces.Single(s => s!["slug"]!.GetValue<string>() == "elsewhere")!["topicCount"]!.GetValue<int>());
        var nowhere = await (await steward.PostAsync($"/api/v1/topics/{id}/move", new { space = "nowhere" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(nowhere["errors"]!["space"]);

        var actions = new[] { "lock_topic", "unlock_topic", "archive_topic", "unarchive_topic", "move_topic" };
        foreach (var action in actions)
            Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = @Action AND target = @Target", new { Action = action, Target = $"topic {id}" }));

        var (_, _, _, privateTopic) = await app.ConversationAsync(Private);
        await (await member.PostAsync($"/api/v1/topics/{privateTopic.Id()}/lock", new { locked = true })).ShouldFail(HttpStatusCode.NotFound);
    }

    // ---- tags, sorts, read state ----

    [Fact]
    public async Task Topics_filter_by_tag_and_the_community_lists_its_tags()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var rust = await steward.NewTopicAsync(slug, "Learning Rust", tags: ["rust", "learning"]);
        await steward.NewTopicAsync(slug, "Learning Go", tags: ["go", "learning"]);
        await steward.NewTopicAsync(slug, "No tags at all");

        var learning = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?tag=learning");
        Assert.Equal(2, learning["items"]!.AsArray().Count);
        var only = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?tag=rust&space=general");
        Assert.Equal(rust.Id(), Assert.Single(only["items"]!.AsArray())!.Id());
        Assert.Equal(2, (await app.CreateClient().AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?tag=learning", 1)).Count);

        var page = await Browser.Open(app).PageAsync($"/c/{slug}/tags");
        Assert.Equal(["learning", "go", "rust"], page.QuerySelectorAll("[data-testid=tags] a.tag").Select(a => a.TextContent));
        var tagPage = await Browser.Open(app).PageAsync($"/c/{slug}/tags/rust");
        Assert.Equal("Learning Rust", Assert.Single(tagPage.QuerySelectorAll("ul.topics a.title")).TextContent);
        var spacePage = await Browser.Open(app).PageAsync($"/c/{slug}/s/general?tag=go");
        Assert.Equal("Learning Go", Assert.Single(spacePage.QuerySelectorAll("ul.topics a.title")).TextContent);

        var hidden = await steward.NewCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        await Browser.Open(app).PageAsync($"/c/{hidden}/tags", HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/c/{hidden}/tags/rust", HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{hidden}/topics?tag=rust")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_sort_by_top_in_a_period_and_by_unanswered_with_keyset_pages()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var quiet = await steward.NewTopicIdAsync(slug, "Nobody answered");
        var busy = await steward.NewTopicIdAsync(slug, "Everyone answered");
        var some = await steward.NewTopicIdAsync(slug, "Some answered");
        for (var i = 0; i < 3; i++) await steward.ReplyAsync(busy, $"Reply {i}");
        await steward.ReplyAsync(some, "One reply");
        var old = await steward.NewTopicIdAsync(slug, "Busy long ago");
        await app.AddRepliesAsync(old, steward.Id, 9);
        await app.ScalarAsync("UPDATE topics SET created_at = @At WHERE id = @Id", new { At = DateTime.UtcNow.AddDays(-60), Id = old });

        var client = app.CreateClient();
        Assert.Equal([old, busy, some, quiet], await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?sort=top", 1));
        Assert.Equal([old, busy, some, quiet], await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?sort=top&period=all", 3));
        Assert.Equal([busy, some, quiet], await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?sort=top&period=month", 2));
        Assert.Equal([busy, some, quiet], await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?space=general&sort=top&period=week", 1));
        Assert.Equal([quiet], await client.AllTopicIdsAsync($"/api/v1/communities/{slug}/topics?sort=unanswered", 1));
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?sort=best")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?sort=top&period=decade")).ShouldFail(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/communities/{slug}/topics?sort=latest&period=day")).ShouldFail(HttpStatusCode.BadRequest);

        var page = await Browser.Open(app).PageAsync($"/c/{slug}/s/general?sort=unanswered");
        Assert.Equal("Nobody answered", Assert.Single(page.QuerySelectorAll("ul.topics a.title")).TextContent);
    }

    [Fact]
    public async Task Signed_in_members_see_unread_counts_that_follow_what_they_open_and_mark_read()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var other = await steward.NewTopicIdAsync(slug, "Another thing");
        JsonNode Item(JsonNode list, long id) => list["items"]!.AsArray().Single(t => t!.Id() == id)!;

        var list = await member.GetJsonAsync($"/api/v1/communities/{slug}/topics");
        Assert.True(Item(list, topic.Id())["new"]!.GetValue<bool>());
        Assert.Null((await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics"))["items"]![0]!["unread"]);

        await member.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        for (var i = 0; i < 3; i++) await steward.ReplyAsync(topic.Id(), $"News {i}");
        list = await member.GetJsonAsync($"/api/v1/communities/{slug}/topics");
        Assert.False(Item(list, topic.Id())["new"]!.GetValue<bool>());
        Assert.Equal(3, Item(list, topic.Id())["unread"]!.GetValue<int>());

        // The topic page offers the first unread post, then reading it clears the count.
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var page = await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.EndsWith("#post-2", page.QuerySelector("[data-testid=first-unread]")!.GetAttribute("href"));
        list = await member.GetJsonAsync($"/api/v1/communities/{slug}/topics");
        Assert.Equal(0, Item(list, topic.Id())["unread"]!.GetValue<int>());
        Assert.Null((await browser.PageAsync(topic["url"]!.GetValue<string>())).QuerySelector("[data-testid=first-unread]"));

        // A short page read does not move the mark back.
        await member.GetJsonAsync($"/api/v1/topics/{topic.Id()}?limit=1");
        Assert.Equal(0, Item(await member.GetJsonAsync($"/api/v1/communities/{slug}/topics"), topic.Id())["unread"]!.GetValue<int>());

        var home = await browser.PageAsync($"/c/{slug}");
        Assert.NotNull(home.QuerySelector($"li[data-topic-id='{other}'] [data-testid=new]"));
        var marked = await (await member.PostAsync($"/api/v1/communities/{slug}/read", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.True(marked["topics"]!.GetValue<int>() >= 1);
        list = await member.GetJsonAsync($"/api/v1/communities/{slug}/topics");
        Assert.All(list["items"]!.AsArray(), t => { Assert.False(t!["new"]!.GetValue<bool>()); Assert.Equal(0, t["unread"]!.GetValue<int>()); });

        var hidden = await steward.NewCommunityAsync(Private);
        await (await member.PostAsync($"/api/v1/communities/{hidden}/read", new { })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/communities/{slug}/read", null)).StatusCode);
    }

    [Fact]
    public async Task The_new_routes_are_in_the_OpenAPI_document()
    {
        var doc = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/posts/{id}/reactions/{kind}", "/api/v1/posts/{id}/reactions", "/api/v1/posts/{id}", "/api/v1/posts/{id}/revisions",
            "/api/v1/posts/{id}/restore", "/api/v1/topics/{id}/lock", "/api/v1/topics/{id}/archive", "/api/v1/topics/{id}/move",
            "/api/v1/communities/{slug}/read", "/api/v1/communities/{slug}/mentions",
        })
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the OpenAPI document.");
        Assert.NotNull(paths["/api/v1/posts/{id}/reactions/{kind}"]!["put"]);
        Assert.NotNull(paths["/api/v1/posts/{id}/reactions/{kind}"]!["delete"]);
        Assert.NotNull(paths["/api/v1/posts/{id}"]!["patch"]);
        Assert.NotNull(paths["/api/v1/posts/{id}"]!["delete"]);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ConversationOnSqlite(SqliteApp app) : ConversationSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ConversationOnPostgres(PostgresApp app) : ConversationSpec(app);
