using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Conversation;

/// <summary>Short ways to arrange and observe conversations through the API.</summary>
public static class ConversationSteps
{
    public static Task<HttpResponseMessage> ReactAsync(this Member member, long postId, string kind) =>
        member.Http.PutAsync($"/api/v1/posts/{postId}/reactions/{kind}", null);

    public static Task<HttpResponseMessage> UnreactAsync(this Member member, long postId, string kind) =>
        member.Http.DeleteAsync($"/api/v1/posts/{postId}/reactions/{kind}");

    public static Task<HttpResponseMessage> DeletePostAsync(this Member member, long postId) =>
        member.Http.DeleteAsync($"/api/v1/posts/{postId}");

    /// <summary>The notifications of a kind the member can list.</summary>
    public static async Task<List<JsonNode>> NotificationsAsync(this Member member, string kind) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>() == kind).Select(n => n!)];

    /// <summary>Notifications written for a user, listed or not (the list hides communities the user is no member of).</summary>
    public static Task<long> StoredNotificationsAsync(this HearthApp app, long userId, string kind) =>
        app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @User AND kind = @Kind", new { User = userId, Kind = kind });

    public static JsonNode Post(this JsonNode topic, int postNumber) =>
        topic["posts"]!.AsArray().Single(p => p!["postNumber"]!.GetValue<int>() == postNumber)!;

    public static async Task<(string Slug, Member Steward, Member Member, JsonNode Topic)> ConversationAsync(this HearthApp app,
        Action<Dictionary<string, object?>>? community = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(community);
        var member = await app.NewMemberAsync("member");
        if (community is null) await member.JoinAsync(slug);
        else await steward.InviteAndJoinAsync(slug, member);
        var topic = await steward.NewTopicAsync(slug, "Where shall we meet");
        return (slug, steward, member, topic);
    }

    /// <summary>A member joins a community of any join policy: by an invitation they accept.</summary>
    public static async Task InviteAndJoinAsync(this Member steward, string slug, Member member)
    {
        var invitation = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        await (await member.PostAsync($"/api/v1/invitations/{invitation["token"]!.GetValue<string>()}/accept",
            new { acceptRulesVersion = community["rulesVersion"]!.GetValue<int>() })).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Adds replies straight to the database (as many as a long topic has), keeping the topic's counters.</summary>
    public static async Task AddRepliesAsync(this HearthApp app, long topicId, long authorId, int count)
    {
        await using var connection = await app.Db.OpenAsync();
        var next = await connection.ExecuteScalarAsync<int>("SELECT MAX(post_number) FROM posts WHERE topic_id = @Id", new { Id = topicId });
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync("""
            INSERT INTO posts (topic_id, post_number, author_id, body, body_html, state, created_at)
            VALUES (@TopicId, @Number, @Author, @Body, @Html, 'Visible', @Now)
            """, Enumerable.Range(next + 1, count).Select(n => new { TopicId = topicId, Number = n, Author = authorId, Body = $"Reply {n}", Html = $"<p>Reply {n}</p>", Now = now }));
        await connection.ExecuteAsync("UPDATE topics SET post_count = post_count + @Count, reply_count = reply_count + @Count WHERE id = @Id",
            new { Id = topicId, Count = count });
    }
}
