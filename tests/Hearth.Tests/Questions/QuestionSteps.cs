using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Questions;

/// <summary>Short ways to arrange questions and answers through the API, as a script would.</summary>
public static class QuestionSteps
{
    public const string Space = "help";

    /// <summary>A community (Public and Open unless <paramref name="with"/> says otherwise) with a Questions space 'help'.</summary>
    public static async Task<string> NewQuestionsCommunityAsync(this Member steward, Action<Dictionary<string, object?>>? with = null)
    {
        var slug = await steward.NewCommunityAsync(with);
        await steward.AddSpaceAsync(slug, Space, "Questions", "Help desk");
        return slug;
    }

    public static Task<JsonNode> AskAsync(this Member member, string slug, string title = "How do I keep a starter alive?", string body = "It smells of *acetone*.") =>
        member.NewTopicAsync(slug, title, body, space: Space);

    public static Task<HttpResponseMessage> VoteAsync(this Member member, long postId, object? value) =>
        member.PostAsync($"/api/v1/posts/{postId}/vote", new { value });

    public static async Task<JsonNode> VoteOkAsync(this Member member, long postId, int value) =>
        await (await member.VoteAsync(postId, value)).ShouldBe(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> AcceptAsync(this Member member, long topicId, long? postId) =>
        member.PostAsync($"/api/v1/topics/{topicId}/accept", new { postId });

    public static async Task<JsonNode> AcceptOkAsync(this Member member, long topicId, long? postId) =>
        await (await member.AcceptAsync(topicId, postId)).ShouldBe(HttpStatusCode.OK);

    public static async Task MakeModeratorAsync(this Member steward, string slug, Member member, string role = "Moderator") =>
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role })).ShouldBe(HttpStatusCode.OK);

    /// <summary>Someone in by invitation (for Private communities, which nobody joins on their own).</summary>
    public static async Task InviteInAsync(this Member steward, string slug, Member member)
    {
        var invitation = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        await (await member.PostAsync($"/api/v1/invitations/{invitation["token"]!.GetValue<string>()}/accept",
            new { acceptRulesVersion = community["rulesVersion"]!.GetValue<int>() })).ShouldBe(HttpStatusCode.OK);
    }

    public static JsonNode PostById(this JsonNode topic, long postId) =>
        topic["posts"]!.AsArray().Single(p => p!.Id() == postId)!;

    public static long[] PostIds(this JsonNode topic) => [.. topic["posts"]!.AsArray().Select(p => p!.Id())];

    /// <summary>Sets an instant in the database, for fixtures whose times matter (figures).</summary>
    public static async Task SetAsync(this HearthApp app, string sql, object args)
    {
        await using var connection = await app.Db.OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }

    /// <summary>What the Questions tables hold for one topic, to prove a refused write left nothing behind.</summary>
    public static async Task<(long Votes, long ScoreSum, long? Accepted)> QuestionFootprintAsync(this HearthApp app, long topicId)
    {
        await using var connection = await app.Db.OpenAsync();
        var votes = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM post_votes v JOIN posts p ON p.id = v.post_id WHERE p.topic_id = @Id", new { Id = topicId });
        var scores = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(score), 0) FROM posts WHERE topic_id = @Id", new { Id = topicId });
        var accepted = await connection.ExecuteScalarAsync<long?>("SELECT accepted_post_id FROM topics WHERE id = @Id", new { Id = topicId });
        return (votes, scores, accepted);
    }
}
