using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Articles;

/// <param name="Title">The new title; the current one is kept when absent.</param>
/// <param name="Body">The whole new body, in Markdown.</param>
/// <param name="Summary">What the edit changed, in a line.</param>
/// <param name="BaseRevision">The revision the editor started from; an edit based on an older one is refused (409).</param>
public sealed record EditArticleRequest(string? Title, string? Body, string? Summary, int? BaseRevision);

/// <summary>An edited article: the revision the edit made.</summary>
public sealed record ArticleEdited(long Id, int Revision, string Url);

/// <summary>
/// An editor saves a new version of an article: a new revision, numbered after the one the editor started from,
/// which becomes the topic's title and first post. Of two edits based on the same revision, the first to save wins
/// and the second is told (409) rather than silently overwriting the first.
/// </summary>
public sealed class EditArticle(Db db, TimeProvider clock)
{
    public async Task<Result<ArticleEdited>> HandleAsync(long topicId, EditArticleRequest request, long editorId, CancellationToken ct = default)
    {
        // Measured after line ends are normalised: a textarea counts a line break as one character but sends two.
        var body = ArticleRecords.Normalise(request.Body ?? "");
        var validation = new Validation().Body(request.Body is null ? null : body);
        if (request.Title is not null) validation.Title(request.Title);
        validation.Require("summary", request.Summary?.Trim(), ArticleLimits.Summary, "Summary");
        validation.Check(request.BaseRevision is not null, "baseRevision", "Name the revision you started from (baseRevision).");
        validation.Check(request.BaseRevision is null or > 0, "baseRevision", "Revisions are numbered from 1.");
        // Rendered before the write lock is taken: a long body should not hold up other writers.
        var bodyHtml = validation.Problem is null ? MarkdownRenderer.ToHtml(body) : "";

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var article = await ArticleQueries.HeaderAsync(connection, topicId, editorId, tx);
        // Access is decided before validation is reported, so a hidden article stays hidden whatever is sent.
        if (ArticleHeader.RefuseEdit(article) is { } refused) return refused;
        if (validation.Problem is { } invalid) return invalid;
        var baseRevision = request.BaseRevision!.Value;
        if (baseRevision > article!.Revision)
            return Problem.Field("baseRevision", $"There is no revision {baseRevision}: the article is at revision {article.Revision}.");
        if (baseRevision < article.Revision) return Stale(baseRevision, article.Revision);

        var current = await connection.QuerySingleAsync<Content>(
            "SELECT title, body FROM article_revisions WHERE topic_id = @TopicId AND number = @Number",
            new { TopicId = topicId, Number = article.Revision }, tx);
        var title = request.Title?.Trim() ?? current.Title;
        // Line ends and trailing blank space make no visible difference, and no line of a diff: they are not an edit.
        if (title == current.Title && body.TrimEnd() == ArticleRecords.Normalise(current.Body).TrimEnd())
            return Problem.Field("body", "Nothing changed: the article already reads like this.");

        var now = clock.GetUtcNow().UtcDateTime;
        // Checked again in the write itself: another editor may have saved since the header was read.
        if (!await ArticleRecords.ClaimNextAsync(connection, tx, topicId, baseRevision, now)) return Stale(baseRevision, null);
        var number = baseRevision + 1;
        var slug = title == article.Title ? article.Slug : Slugs.FromTitle(title);
        await ArticleRecords.AddRevisionAsync(connection, tx, topicId, article.CommunityId, number, editorId,
            request.Summary!.Trim(), title, slug, body, bodyHtml, revertedTo: null, now);
        await tx.CommitAsync(ct);
        return new ArticleEdited(topicId, number, Topics.Url(topicId, slug));
    }

    private static Problem Stale(int baseRevision, int? current) => Problem.Conflict(
        $"This article has changed since revision {baseRevision}{(current is { } n ? $" (it is at revision {n} now)" : "")}. Compare the revisions, then edit the latest one.");

    private sealed record Content
    {
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
    }
}
