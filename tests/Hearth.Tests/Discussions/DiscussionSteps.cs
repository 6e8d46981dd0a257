using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Discussions;

/// <summary>Short ways to arrange discussions through the API, as a script would.</summary>
public static class DiscussionSteps
{
    public static async Task<JsonNode> NewTopicAsync(this Member member, string slug, string title = "A topic worth having",
        string body = "Some **Markdown** body.", string? space = null, string[]? tags = null)
    {
        var request = new Dictionary<string, object?> { ["title"] = title, ["body"] = body };
        if (space is not null) request["space"] = space;
        if (tags is not null) request["tags"] = tags;
        return await (await member.PostAsync($"/api/v1/communities/{slug}/topics", request)).ShouldBe(HttpStatusCode.Created);
    }

    public static async Task<long> NewTopicIdAsync(this Member member, string slug, string title = "A topic worth having") =>
        (await member.NewTopicAsync(slug, title))["id"]!.GetValue<long>();

    public static async Task<JsonNode> ReplyAsync(this Member member, long topicId, string body = "A thoughtful reply.", long? replyTo = null) =>
        await (await member.PostAsync($"/api/v1/topics/{topicId}/posts", new { body, replyTo })).ShouldBe(HttpStatusCode.Created);

    public static async Task<JsonNode> AddSpaceAsync(this Member steward, string slug, string spaceSlug, string kind = "Discussion", string? name = null) =>
        await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", new { name = name ?? "Space " + spaceSlug, slug = spaceSlug, kind }))
            .ShouldBe(HttpStatusCode.Created);

    public static async Task LeaveAsync(this Member member, string slug) =>
        await (await member.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);

    public static async Task<long> ScalarAsync(this HearthApp app, string sql, object? args = null)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public static Task LockAsync(this HearthApp app, long topicId) =>
        app.ScalarAsync("UPDATE topics SET locked = TRUE WHERE id = @Id", new { Id = topicId });

    /// <summary>What a community's discussions hold, to prove a refused write left nothing behind.</summary>
    public static async Task<Footprint> FootprintAsync(this HearthApp app, string slug)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.QuerySingleAsync<Footprint>("""
            SELECT (SELECT COUNT(*) FROM topics t WHERE t.community_id = c.id) AS topics,
                   (SELECT COUNT(*) FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.community_id = c.id) AS posts,
                   (SELECT SUM(t.reply_count) FROM topics t WHERE t.community_id = c.id) AS replies,
                   c.topic_count,
                   (SELECT COUNT(*) FROM activity_events e WHERE e.community_id = c.id AND e.kind IN ('posted', 'replied')) AS events
            FROM communities c WHERE c.slug = @Slug
            """, new { Slug = slug });
    }

    /// <summary>GET as someone without an account (or any client), expecting 200.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);

    public static long Id(this JsonNode node) => node["id"]!.GetValue<long>();
}

public sealed record Footprint
{
    public long Topics { get; init; }
    public long Posts { get; init; }
    public long? Replies { get; init; }
    public long TopicCount { get; init; }
    public long Events { get; init; }
}
