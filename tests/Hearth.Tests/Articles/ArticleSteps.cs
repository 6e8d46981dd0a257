using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Articles;

/// <summary>Short ways to arrange articles and solved questions through the API, as a script would.</summary>
public static class ArticleSteps
{
    /// <summary>A community (Public, Open by default) with an Articles space 'kb' and a Questions space 'help'.</summary>
    public static async Task<string> NewKnowledgeCommunityAsync(this Member steward, Action<Dictionary<string, object?>>? with = null, string policy = "Wiki")
    {
        var slug = await steward.NewCommunityAsync(with);
        await steward.AddSpaceAsync(slug, "kb", "Articles", "Knowledge base");
        await steward.AddSpaceAsync(slug, "help", "Questions", "Help");
        if (policy != "Wiki")
            await (await steward.PatchAsync($"/api/v1/communities/{slug}/spaces/kb/settings", new { editPolicy = policy })).ShouldBe(HttpStatusCode.OK);
        return slug;
    }

    public static async Task<long> NewArticleAsync(this Member author, string slug, string title = "How we run backups",
        string body = "Line one.\nLine two.\n", string space = "kb", string[]? tags = null) =>
        (await author.NewTopicAsync(slug, title, body, space, tags)).Id();

    public static Task<HttpResponseMessage> EditAsync(this Member editor, long id, string body, int baseRevision, string summary = "Tidied up", string? title = null)
    {
        var request = new Dictionary<string, object?> { ["body"] = body, ["summary"] = summary, ["baseRevision"] = baseRevision };
        if (title is not null) request["title"] = title;
        return editor.PutAsync($"/api/v1/topics/{id}/article", request);
    }

    public static async Task<JsonNode> EditOkAsync(this Member editor, long id, string body, int baseRevision, string summary = "Tidied up", string? title = null) =>
        await (await editor.EditAsync(id, body, baseRevision, summary, title)).ShouldBe(HttpStatusCode.OK);

    /// <summary>
    /// A question in the 'help' space with an answer that is accepted. The Questions feature (built on another branch)
    /// sets topics.accepted_post_id through POST /api/v1/topics/{id}/accept; here the column is set directly with SQL,
    /// which is all that making an article reads.
    /// </summary>
    public static async Task<(long Question, long Answer)> SolvedQuestionAsync(this HearthApp app, Member asker, Member answerer, string slug,
        string title = "How do I rotate the logs?", string question = "My disk fills up every night.", string answer = "Use **logrotate** daily.")
    {
        var (id, answerId) = await app.UnsolvedQuestionAsync(asker, answerer, slug, title, question, answer);
        await app.AcceptAsync(id, answerId);
        return (id, answerId);
    }

    public static async Task<(long Question, long Answer)> UnsolvedQuestionAsync(this HearthApp app, Member asker, Member answerer, string slug,
        string title = "How do I rotate the logs?", string question = "My disk fills up every night.", string answer = "Use **logrotate** daily.")
    {
        var id = (await asker.NewTopicAsync(slug, title, question, "help")).Id();
        var answerId = (await answerer.ReplyAsync(id, answer)).Id();
        _ = app;
        return (id, answerId);
    }

    /// <summary>Stands in for POST /api/v1/topics/{id}/accept of the Questions feature (see <see cref="SolvedQuestionAsync"/>).</summary>
    public static Task AcceptAsync(this HearthApp app, long questionId, long answerId) =>
        app.ScalarAsync("UPDATE topics SET accepted_post_id = @Answer WHERE id = @Id", new { Id = questionId, Answer = answerId });

    public static async Task<Member> ModeratorAsync(this HearthApp app, Member steward, string slug)
    {
        var moderator = await app.NewMemberAsync("mod");
        await moderator.JoinAsync(slug);
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{moderator.UserName}/role", new { role = "Moderator" })).ShouldBe(HttpStatusCode.OK);
        return moderator;
    }

    /// <summary>What an article's tables hold, to prove a refused write left nothing behind.</summary>
    public static async Task<ArticleFootprint> ArticleFootprintAsync(this HearthApp app, long id)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.QuerySingleAsync<ArticleFootprint>("""
            SELECT (SELECT COUNT(*) FROM article_revisions WHERE topic_id = @Id) AS revisions,
                   (SELECT revision FROM articles WHERE topic_id = @Id) AS revision,
                   (SELECT state FROM articles WHERE topic_id = @Id) AS state,
                   (SELECT title FROM topics WHERE id = @Id) AS title,
                   (SELECT body FROM posts WHERE topic_id = @Id AND post_number = 1) AS body,
                   (SELECT COUNT(*) FROM activity_events WHERE topic_id = @Id AND kind = 'revised') AS revised_events
            """, new { Id = id });
    }

    public static async Task<JsonNode> ArticleAsync(this Member member, long id) => await member.GetJsonAsync($"/api/v1/topics/{id}/article");

    public static async Task<JsonNode[]> NotificationsAsync(this Member member) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Select(n => n!)];

    /// <summary>The member's notifications of being credited in an article (other features notify of other things).</summary>
    public static async Task<JsonNode[]> CreditedAsync(this Member member) =>
        [.. (await member.NotificationsAsync()).Where(n => n["kind"]!.GetValue<string>() == "article.credited")];
}

public sealed record ArticleFootprint
{
    public long Revisions { get; init; }
    public long? Revision { get; init; }
    public string? State { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public long RevisedEvents { get; init; }
}
