using Dapper;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Articles;

/// <summary>
/// An editor publishes a draft article. The people it credits and its author hear of it (not the publisher), when
/// they are still active members and so can read it.
/// </summary>
public sealed class PublishArticle(Db db, TimeProvider clock)
{
    public async Task<Result<ArticleEdited>> HandleAsync(long topicId, long editorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var article = await ArticleQueries.HeaderAsync(connection, topicId, editorId, tx);
        if (ArticleHeader.RefuseEdit(article) is { } refused) return refused;
        if (!article!.IsDraft) return Problem.Conflict("This article is already published.");

        var now = clock.GetUtcNow().UtcDateTime;
        var published = await connection.ExecuteAsync("""
            UPDATE articles SET state = 'Published', published_at = @Now, published_by = @Editor, updated_at = @Now
            WHERE topic_id = @TopicId AND state = 'Draft'
            """, new { TopicId = topicId, Editor = editorId, Now = now }, tx);
        if (published != 1) return Problem.Conflict("This article is already published.");
        await connection.ExecuteAsync("""
            UPDATE topics SET last_activity_at = @Now WHERE id = @TopicId;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, created_at) VALUES (@CommunityId, @Editor, 'published', @TopicId, @Now);
            """, new { TopicId = topicId, article.CommunityId, Editor = editorId, Now = now }, tx);

        var told = await connection.QueryAsync<long>("""
            SELECT m.user_id FROM memberships m
            WHERE m.community_id = @CommunityId AND m.state = 'Active'
              AND (m.user_id = @Author OR m.user_id IN (SELECT user_id FROM article_credits WHERE topic_id = @TopicId))
            """, new { article.CommunityId, Author = article.AuthorId, TopicId = topicId }, tx);
        var publisher = await connection.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @Editor", new { Editor = editorId }, tx);
        await Notify.SendAsync(connection, tx, told.Select(user => new NotificationDraft(user, "article.published",
            $"{publisher} published the article “{article.Title}”.", article.Url, article.CommunityId, topicId, ActorId: editorId)), now);
        await tx.CommitAsync(ct);
        return new ArticleEdited(topicId, article.Revision, article.Url);
    }
}
