using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Articles;

/// <param name="Revision">The revision whose title and body the article goes back to.</param>
/// <param name="Summary">Why; by default "Reverted to revision n".</param>
public sealed record RevertArticleRequest(int? Revision, string? Summary = null);

/// <summary>
/// An editor takes an article back to an earlier revision's content. History is never rewritten: the revert is a new
/// revision, after the current one, that copies the old title and body (and their stored HTML).
/// </summary>
public sealed class RevertArticle(Db db, TimeProvider clock)
{
    public async Task<Result<ArticleEdited>> HandleAsync(long topicId, RevertArticleRequest request, long editorId, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Check(request.Revision is not null, "revision", "Name the revision to go back to.")
            .Check(request.Revision is null or > 0, "revision", "Revisions are numbered from 1.")
            .Optional("summary", request.Summary?.Trim(), ArticleLimits.Summary, "Summary");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var article = await ArticleQueries.HeaderAsync(connection, topicId, editorId, tx);
        if (ArticleHeader.RefuseEdit(article) is { } refused) return refused;
        if (validation.Problem is { } invalid) return invalid;

        var wanted = request.Revision!.Value;
        var revisions = (await connection.QueryAsync<Content>(
            "SELECT number, title, body, body_html FROM article_revisions WHERE topic_id = @TopicId AND number IN (@Wanted, @Current)",
            new { TopicId = topicId, Wanted = wanted, Current = article!.Revision }, tx)).ToDictionary(r => r.Number);
        if (!revisions.TryGetValue(wanted, out var target)) return Problem.NotFound($"This article has no revision {wanted}.");
        var current = revisions[article.Revision];
        if (target.Title == current.Title && target.Body == current.Body)
            return Problem.Conflict($"The article already reads as revision {wanted}: there is nothing to revert.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await ArticleRecords.ClaimNextAsync(connection, tx, topicId, article.Revision, now))
            return Problem.Conflict("This article changed while the revert was being saved; look at the latest revision and try again.");
        var number = article.Revision + 1;
        var summary = string.IsNullOrWhiteSpace(request.Summary) ? $"Reverted to revision {wanted}" : request.Summary.Trim();
        var slug = target.Title == article.Title ? article.Slug : Slugs.FromTitle(target.Title);
        await ArticleRecords.AddRevisionAsync(connection, tx, topicId, article.CommunityId, number, editorId,
            summary, target.Title, slug, target.Body, target.BodyHtml, revertedTo: wanted, now);
        await tx.CommitAsync(ct);
        return new ArticleEdited(topicId, number, Topics.Url(topicId, slug));
    }

    private sealed record Content
    {
        public int Number { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string BodyHtml { get; init; } = "";
    }
}
