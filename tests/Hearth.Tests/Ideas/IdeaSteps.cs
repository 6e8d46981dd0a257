using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Ideas;

/// <summary>Short ways to arrange ideas through the API, as a script would.</summary>
public static class IdeaSteps
{
    public const string Space = "ideas";

    /// <summary>A community (Public and Open unless <paramref name="with"/> says otherwise) with an Ideas space 'ideas'.</summary>
    public static async Task<string> NewIdeasCommunityAsync(this Member steward, Action<Dictionary<string, object?>>? with = null)
    {
        var slug = await steward.NewCommunityAsync(with);
        await steward.AddSpaceAsync(slug, Space, "Ideas", "Ideas board");
        return slug;
    }

    public static Task<JsonNode> ProposeAsync(this Member member, string slug, string title = "Add a dark theme", string body = "My eyes would *thank* you.") =>
        member.NewTopicAsync(slug, title, body, space: Space);

    public static Task<HttpResponseMessage> VoteForAsync(this Member member, long topicId, object? value) =>
        member.PostAsync($"/api/v1/topics/{topicId}/vote", new { value });

    public static async Task<JsonNode> VoteForOkAsync(this Member member, long topicId, int value = 1) =>
        await (await member.VoteForAsync(topicId, value)).ShouldBe(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> ChangeStatusAsync(this Member member, long topicId, string? status, string? note) =>
        member.PostAsync($"/api/v1/topics/{topicId}/status", new { status, note });

    public static async Task<JsonNode> ChangeStatusOkAsync(this Member member, long topicId, string status, string note = "Because the roadmap says so.") =>
        await (await member.ChangeStatusAsync(topicId, status, note)).ShouldBe(HttpStatusCode.OK);

    /// <summary>What the Ideas tables hold for one topic, to prove a refused write left nothing behind.</summary>
    public static async Task<(long Votes, long VoteCount, string Status, long Changes, long Notifications)> IdeaFootprintAsync(this HearthApp app, long topicId)
    {
        await using var connection = await app.Db.OpenAsync();
        return (
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_votes WHERE topic_id = @Id", new { Id = topicId }),
            await connection.ExecuteScalarAsync<long>("SELECT vote_count FROM topics WHERE id = @Id", new { Id = topicId }),
            await connection.ExecuteScalarAsync<string>("SELECT idea_status FROM topics WHERE id = @Id", new { Id = topicId }) ?? "",
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_status_changes WHERE topic_id = @Id", new { Id = topicId }),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE topic_id = @Id", new { Id = topicId }));
    }

    public static async Task<JsonNode[]> NotificationsAsync(this Member member) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Select(n => n!)];
}
