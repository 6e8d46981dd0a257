using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Platform.Data;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Moderation;

/// <summary>A Hearth with the production new-member limits (the shared apps relax them for every other suite).</summary>
public sealed class ModerationSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => ModerationSteps.ProductionLimits;
}

public sealed class ModerationPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => ModerationSteps.ProductionLimits;
}

[CollectionDefinition(ModerationSteps.SqliteCollection)]
public sealed class ModerationSqliteCollection : ICollectionFixture<ModerationSqliteApp>;

[CollectionDefinition(ModerationSteps.PostgresCollection)]
public sealed class ModerationPostgresCollection : ICollectionFixture<ModerationPostgresApp>;

/// <summary>Short ways to arrange moderation through the API, as a script would.</summary>
public static class ModerationSteps
{
    public const string SqliteCollection = "ModerationSqlite";
    public const string PostgresCollection = "ModerationPostgres";

    public static readonly KeyValuePair<string, string>[] ProductionLimits =
    [
        new("Hearth:Moderation:NewMemberMaxLinks", "2"),
        new("Hearth:Moderation:NewMemberMaxImages", "2"),
        new("Hearth:Moderation:NewMemberPostsPerWindow", "5"),
        new("Hearth:Moderation:NewMemberMaxMentions", "2"),
        new("Hearth:Moderation:MaxMentions", "10"),
        new("Hearth:Moderation:HoldNewAccountLinks", "true"),
    ];

    /// <summary>A Public, Open community with a steward, a moderator, an author with a topic and a reply by another member.</summary>
    public static async Task<World> WorldAsync(this HearthApp app, Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(with);
        var moderator = await app.NewMemberAsync("mod");
        var author = await app.NewMemberAsync("author");
        var other = await app.NewMemberAsync("other");
        var open = with is null;
        foreach (var m in new[] { moderator, author, other })
        {
            if (open) await m.JoinAsync(slug);
            else await Questions.QuestionSteps.InviteInAsync(steward, slug, m);
        }
        await Questions.QuestionSteps.MakeModeratorAsync(steward, slug, moderator);
        var topic = await author.NewTopicAsync(slug, "Sourdough starters", "My starter smells of *acetone*.");
        var reply = await other.ReplyAsync(topic.Id(), "Feed it more often, zanzibarite.");
        return new World(steward, moderator, author, other, slug, topic.Id(), topic["posts"]![0]!.Id(), reply.Id());
    }

    public static Task<HttpResponseMessage> FlagAsync(this Member member, object body) => member.PostAsync("/api/v1/flags", body);

    public static async Task<JsonNode> FlagPostAsync(this Member member, long postId, string reason = "Spam") =>
        await (await member.FlagAsync(new { postId, reason })).ShouldBe(HttpStatusCode.Created);

    public static async Task MakeAdminAsync(this HearthApp app, Member member) => await app.ExecAsync("UPDATE users SET is_admin = TRUE WHERE id = @Id", new { member.Id });

    public static async Task TrustAsync(this HearthApp app, Member member, int level = 1) =>
        await app.ExecAsync("UPDATE users SET trust_level = @Level WHERE id = @Id", new { Level = level, member.Id });

    public static async Task ExecAsync(this HearthApp app, string sql, object? args = null)
    {
        await using var connection = await app.Db.OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }

    public static async Task<string> PostStateAsync(this HearthApp app, long postId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM posts WHERE id = @Id", new { Id = postId }) ?? "";
    }

    public static async Task<long[]> VisiblePostIdsAsync(this HttpClient client, long topicId)
    {
        var topic = await (await client.GetAsync($"/api/v1/topics/{topicId}")).ShouldBe(HttpStatusCode.OK);
        // Posts that are not Visible keep their place as placeholders, with no body.
        return [.. topic["posts"]!.AsArray().Where(p => p!["state"]!.GetValue<string>() == "Visible").Select(p => p!.Id())];
    }

    public static async Task<JsonNode> HideAsync(this Member moderator, long postId, string reason = "Off topic here.") =>
        await (await moderator.PostAsync($"/api/v1/posts/{postId}/hide", new { reason })).ShouldBe(HttpStatusCode.OK);

    public static string[] Kinds(this JsonNode page) => [.. page["items"]!.AsArray().Select(n => n!["kind"]?.GetValue<string>() ?? "")];
}

public sealed record World(Member Steward, Member Moderator, Member Author, Member Other, string Slug, long TopicId, long FirstPostId, long ReplyId);
