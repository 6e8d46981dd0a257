using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Features.Health;
using Hearth.Tests.Discussions;
using Hearth.Tests.Ideas;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Health;

/// <summary>Short ways to arrange and read community health, through the API and the roll-up service.</summary>
public static class HealthSteps
{
    public static Task<long> CommunityIdAsync(this HearthApp app, string slug) =>
        app.ScalarAsync("SELECT id FROM communities WHERE slug = @Slug", new { Slug = slug });

    /// <summary>Rolls up one community now, as the background job's round does for each.</summary>
    public static async Task RollUpAsync(this HearthApp app, string slug) =>
        await app.Services.GetRequiredService<HealthRollUp>().RollUpAsync(await app.CommunityIdAsync(slug), slug);

    public static Task<JsonNode> HealthAsync(this Member member, string slug) => member.GetJsonAsync($"/api/v1/communities/{slug}/health");

    /// <summary>Sets when a topic (and its opening post) was started.</summary>
    public static Task StartedAtAsync(this HearthApp app, long topicId, DateTime at) =>
        app.SetAsync("UPDATE topics SET created_at = @At WHERE id = @Id; UPDATE posts SET created_at = @At WHERE topic_id = @Id AND post_number = 1", new { Id = topicId, At = at });

    public static Task WrittenAtAsync(this HearthApp app, long postId, DateTime at) =>
        app.SetAsync("UPDATE posts SET created_at = @At WHERE id = @Id", new { Id = postId, At = at });

    public static async Task<long> OpeningPostAsync(this HearthApp app, long topicId) =>
        await app.ScalarAsync("SELECT id FROM posts WHERE topic_id = @Id AND post_number = 1", new { Id = topicId });

    /// <summary>Sets the times of an idea's status changes, in the order they were made.</summary>
    public static async Task StatusChangedAtAsync(this HearthApp app, long topicId, params DateTime[] at)
    {
        await using var connection = await app.Db.OpenAsync();
        var ids = (await connection.QueryAsync<long>("SELECT id FROM idea_status_changes WHERE topic_id = @Id ORDER BY id", new { Id = topicId })).ToList();
        Assert.Equal(at.Length, ids.Count);
        for (var i = 0; i < ids.Count; i++)
            await connection.ExecuteAsync("UPDATE idea_status_changes SET created_at = @At WHERE id = @Id", new { Id = ids[i], At = at[i] });
    }

    public static async Task<Member> MemberOfAsync(this HearthApp app, string slug, string prefix = "member")
    {
        var member = await app.NewMemberAsync(prefix);
        await member.JoinAsync(slug);
        return member;
    }

    public static async Task<HttpResponseMessage> DeletePostAsync(this Member author, long postId)
    {
        var response = await author.Http.DeleteAsync($"/api/v1/posts/{postId}");
        await response.ShouldBe(HttpStatusCode.OK);
        return response;
    }

    public static double Number(this JsonNode node, string path)
    {
        JsonNode? at = node;
        foreach (var part in path.Split('.')) at = at?[part];
        return at!.GetValue<double>();
    }

    public static JsonNode? At(this JsonNode node, string path)
    {
        JsonNode? at = node;
        foreach (var part in path.Split('.')) at = at?[part];
        return at;
    }

    public static string[] ReadingCodes(this JsonNode figures) =>
        [.. figures["styleMix"]!["readings"]!.AsArray().Select(r => r!["code"]!.GetValue<string>())];

    public static string ReadingText(this JsonNode figures, string code) =>
        figures["styleMix"]!["readings"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == code)!["text"]!.GetValue<string>();

    public static Task<JsonNode> ProposeIdeaAsync(this Member member, string slug, string title = "An idea") => member.ProposeAsync(slug, title);
}
