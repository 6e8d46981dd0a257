using System.Net;
using System.Net.Http.Json;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Moderation;

public abstract class TrustAndSpamSpec(HearthApp app)
{
    [Fact]
    public async Task Trust_is_earned_by_taking_part_and_lifts_the_new_member_limits()
    {
        var w = await app.WorldAsync();
        var fresh = await app.NewMemberAsync("fresh");
        await fresh.JoinAsync(w.Slug);
        Assert.Equal(0, (await fresh.GetJsonAsync("/api/v1/me/trust"))["trustLevel"]!.GetValue<int>());
        var mentions = "@a @b @c please look";
        var refused = await (await fresh.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = mentions })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("mention", refused["errors"]!["body"]![0]!.GetValue<string>());

        for (var i = 0; i < 3; i++) await fresh.ReplyAsync(w.TopicId, $"Reply number {i}.");
        await fresh.ReplyAsync(w.TopicId, mentions);
        var trust = await fresh.GetJsonAsync("/api/v1/me/trust");
        Assert.Equal(1, trust["trustLevel"]!.GetValue<int>());
        Assert.True(trust["replies"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task New_members_may_not_fill_a_post_with_links_or_images()
    {
        var w = await app.WorldAsync();
        var fresh = await app.NewMemberAsync("fresh");
        await fresh.JoinAsync(w.Slug);
        var links = "[a](https://a.example) [b](https://b.example) [c](https://c.example)";
        var tooMany = await (await fresh.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = links })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("links", tooMany["errors"]!["body"]![0]!.GetValue<string>());
        var images = "![a](https://a.example/a.png) ![b](https://a.example/b.png) ![c](https://a.example/c.png)";
        await (await fresh.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = images })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await app.TrustAsync(fresh);
        await fresh.ReplyAsync(w.TopicId, links);
    }

    [Fact]
    public async Task New_members_post_at_a_limited_rate_answered_with_retry_after()
    {
        var w = await app.WorldAsync();
        var fresh = await app.NewMemberAsync("fresh");
        await fresh.JoinAsync(w.Slug);
        for (var i = 0; i < 5; i++) await fresh.ReplyAsync(w.TopicId, $"Message {i}");
        // Five replies make trust 1 (three replies on one day), so the limit is met only by a member who stays at 0.
        await app.ExecAsync("UPDATE users SET trust_level = 0 WHERE id = @Id", new { fresh.Id });
        await app.ExecAsync("DELETE FROM activity_events WHERE user_id = @Id", new { fresh.Id });
        var limited = await fresh.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "Message 6" });
        await limited.ShouldFail(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_community_may_hold_new_members_first_posts_for_approval()
    {
        var w = await app.WorldAsync();
        await (await w.Steward.PatchAsync($"/api/v1/communities/{w.Slug}/moderation/settings", new { holdFirstPosts = true })).ShouldBe(HttpStatusCode.OK);
        var fresh = await app.NewMemberAsync("fresh");
        await fresh.JoinAsync(w.Slug);
        var held = await fresh.ReplyAsync(w.TopicId, "Hello, first time here: glorbnax.");
        Assert.Equal("Pending", held["state"]!.GetValue<string>());
        Assert.DoesNotContain(held.Id(), await app.CreateClient().VisiblePostIdsAsync(w.TopicId));
        Assert.Empty((await app.CreateClient().GetJsonAsync($"/api/v1/search?q=glorbnax&community={w.Slug}"))["items"]!.AsArray());

        var pending = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/pending");
        Assert.Equal(held.Id(), Assert.Single(pending["items"]!.AsArray())!.Id());
        await (await w.Other.GetAsync($"/api/v1/communities/{w.Slug}/pending")).ShouldFail(HttpStatusCode.NotFound);
        await (await w.Moderator.PostAsync($"/api/v1/posts/{held.Id()}/approve", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(held.Id(), await app.CreateClient().VisiblePostIdsAsync(w.TopicId));
        Assert.NotEmpty((await app.CreateClient().GetJsonAsync($"/api/v1/search?q=glorbnax&community={w.Slug}"))["items"]!.AsArray());

        // Approved once, the member posts freely; another newcomer's topic is held and can be rejected.
        Assert.Equal("Visible", (await fresh.ReplyAsync(w.TopicId, "Second post."))["state"]!.GetValue<string>());
        var newcomer = await app.NewMemberAsync("newcomer");
        await newcomer.JoinAsync(w.Slug);
        var topic = await newcomer.NewTopicAsync(w.Slug, "Buy cheap bread", "Cheap bread here.");
        // The held first post keeps its place as a placeholder, without its body.
        var post = Assert.Single(topic["posts"]!.AsArray())!;
        Assert.Equal("Pending", post["state"]!.GetValue<string>());
        Assert.Equal("", post["bodyHtml"]!.GetValue<string>());
        var queued = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/pending");
        var first = queued["items"]!.AsArray().Single(p => p!["topicId"]!.GetValue<long>() == topic.Id())!.Id();
        await (await w.Moderator.PostAsync($"/api/v1/posts/{first}/reject", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await w.Moderator.PostAsync($"/api/v1/posts/{first}/reject", new { reason = "Advertising." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Removed", await app.PostStateAsync(first));
    }

    [Fact]
    public async Task A_new_accounts_first_post_with_links_waits_for_a_moderator()
    {
        var w = await app.WorldAsync();
        var fresh = await app.NewMemberAsync("fresh");
        await fresh.JoinAsync(w.Slug);
        var held = await fresh.ReplyAsync(w.TopicId, "Great deals at https://spam.example");
        Assert.Equal("Pending", held["state"]!.GetValue<string>());
        Assert.Equal("Visible", (await w.Other.ReplyAsync(w.TopicId, "A useful page: https://docs.example"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watched_words_block_hold_or_replace()
    {
        var w = await app.WorldAsync();
        await (await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "darn", action = "Block" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "darn", action = "Explode" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "darn", action = "Block" })).ShouldBe(HttpStatusCode.Created);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "darn", action = "Hold" })).ShouldFail(HttpStatusCode.Conflict);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "casino*", action = "Hold" })).ShouldBe(HttpStatusCode.Created);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/watched-words", new { word = "heck", action = "Replace", replacement = "h*ck" })).ShouldBe(HttpStatusCode.Created);

        var blocked = await (await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "Well DARN it." })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("\"darn\"", blocked["errors"]!["body"]![0]!.GetValue<string>());
        await (await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/topics", new { title = "Darn title", body = "Clean body" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Visible", (await w.Other.ReplyAsync(w.TopicId, "Darnley is a name, not a word on the list."))["state"]!.GetValue<string>());
        Assert.Equal("Pending", (await w.Other.ReplyAsync(w.TopicId, "Try the casinos in town."))["state"]!.GetValue<string>());
        var replaced = await w.Other.ReplyAsync(w.TopicId, "What the heck.");
        Assert.Contains("h*ck", replaced["bodyHtml"]!.GetValue<string>());
        Assert.DoesNotContain("heck.", replaced["bodyHtml"]!.GetValue<string>());

        var list = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/watched-words");
        var darn = list["items"]!.AsArray().Single(x => x!["word"]!.GetValue<string>() == "darn")!;
        (await w.Moderator.Http.DeleteAsync($"/api/v1/communities/{w.Slug}/watched-words/{darn.Id()}")).EnsureSuccessStatusCode();
        await w.Other.ReplyAsync(w.TopicId, "Darn, allowed again.");
    }

    [Fact]
    public async Task Site_watched_words_are_kept_by_admins_and_apply_in_every_community()
    {
        var w = await app.WorldAsync();
        var admin = await app.NewMemberAsync("admin");
        await app.MakeAdminAsync(admin);
        var word = "zq" + Guid.NewGuid().ToString("n")[..8];
        await (await w.Steward.PostAsync("/api/v1/admin/watched-words", new { word, action = "Block" })).ShouldFail(HttpStatusCode.NotFound);
        var added = await (await admin.PostAsync("/api/v1/admin/watched-words", new { word, action = "Block" })).ShouldBe(HttpStatusCode.Created);
        await (await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = $"Say {word} now." })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        (await admin.Http.DeleteAsync($"/api/v1/admin/watched-words/{added.Id()}")).EnsureSuccessStatusCode();
    }
}

/// <summary>Registration is limited per address, like sign-in; the 429 says when to come back.</summary>
public sealed class FewRegistrationsApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Hearth:RateLimits:RegistrationsPerHour", "2")];
}

[Trait("Engine", Engines.Sqlite)]
public sealed class RegistrationRateLimitSpec(FewRegistrationsApp app) : IClassFixture<FewRegistrationsApp>
{
    [Fact]
    public async Task Registrations_from_one_address_are_limited_with_retry_after()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            var name = Api.UniqueName();
            last = await client.PostAsJsonAsync("/api/v1/users", new { userName = name, email = $"{name}@x.test", password = "long enough pw" });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}

[Collection(ModerationSteps.SqliteCollection), Trait("Engine", Engines.Sqlite)]
public sealed class TrustAndSpamOnSqlite(ModerationSqliteApp app) : TrustAndSpamSpec(app);

[Collection(ModerationSteps.PostgresCollection), Trait("Engine", Engines.Postgres)]
public sealed class TrustAndSpamOnPostgres(ModerationPostgresApp app) : TrustAndSpamSpec(app);
