using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Conversation;

/// <param name="Title">The first post only: a new title for the topic; null keeps it.</param>
public sealed record EditPostRequest(string? Body, string? Title = null);

public sealed record EditedPost
{
    public long Id { get; init; }
    public int PostNumber { get; init; }
    public string BodyHtml { get; init; } = "";
    public DateTime? EditedAt { get; init; }
    /// <summary>The number of the revision now shown (the original is revision 1).</summary>
    public int Revision { get; init; }
    public string TopicTitle { get; init; } = "";
    public string Url { get; init; } = "";
}

/// <summary>
/// The author (or a moderator) edits a post. Every version is kept in post_revisions: the first edit also records the
/// original as revision 1. Editing the first post may retitle the topic. Newly mentioned members are told; those the
/// earlier version mentioned already were.
/// </summary>
public sealed class EditPost(Db db, TimeProvider clock)
{
    public async Task<Result<EditedPost>> HandleAsync(long postId, EditPostRequest request, long editorId, CancellationToken ct = default)
    {
        var validation = new Validation().Body(request.Body);
        if (request.Title is not null) validation.Title(request.Title);
        var title = request.Title?.Trim();

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var loaded = await PostRecords.LoadAsync(connection, postId, editorId, tx);
        if (!loaded.Ok) return loaded.As<EditedPost>();
        var (post, topic) = (loaded.Value!.Post, loaded.Value.Topic);
        if (TopicPermissions.RefuseWrite(topic.Access, "No such post.") is { } refused) return refused;
        var own = post.AuthorId == editorId;
        if (!ConversationPermissions.MayEdit(topic.Access, own)) return Problem.Forbidden("Only the author or a moderator edits a post.");
        if (!post.IsVisible) return Problem.Conflict("Restore the post before editing it.");
        if ((topic.Locked || topic.Archived) && !topic.Access.IsModerator) return Problem.Conflict("This topic is closed; its posts are no longer edited.");
        if (topic.SpaceKind == nameof(SpaceKind.Articles)) return Problem.Conflict("Articles are edited as articles, with their own history.");
        if (title is not null && post.PostNumber != 1) validation.Add("title", "Only the first post carries the topic's title.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        var retitled = title is not null && title != topic.Title;
        var revision = post.RevisionCount;
        var bodyHtml = post.BodyHtml;
        if (request.Body != post.Body || retitled)
        {
            var before = await PostBody.RenderAsync(connection, post.Body, topic.Id, tx);
            var rendered = await PostBody.RenderAsync(connection, request.Body, topic.Id, tx);
            bodyHtml = rendered.Html;
            if (request.Body != post.Body)
            {
                // The original becomes revision 1 at the first edit, so a never-edited post costs no revision rows.
                if (revision == 0)
                {
                    await connection.ExecuteAsync("""
                        INSERT INTO post_revisions (post_id, revision, body, body_html, editor_id, created_at)
                        VALUES (@PostId, 1, @Body, @BodyHtml, @Author, @At)
                        """, new { PostId = post.Id, post.Body, post.BodyHtml, Author = post.AuthorId, At = post.CreatedAt }, tx);
                    revision = 1;
                }
                revision++;
                await connection.ExecuteAsync("""
                    INSERT INTO post_revisions (post_id, revision, body, body_html, editor_id, created_at)
                    VALUES (@PostId, @Revision, @Body, @BodyHtml, @Editor, @Now);
                    UPDATE posts SET body = @Body, body_html = @BodyHtml, edited_at = @Now, revision_count = @Revision WHERE id = @PostId;
                    """, new { PostId = post.Id, Revision = revision, request.Body, BodyHtml = bodyHtml, Editor = editorId, Now = now }, tx);
                await Attachments.AttachmentLinks.LinkAsync(connection, tx, topic.CommunityId, post.AuthorId, post.Id, request.Body);
            }
            if (retitled)
                await connection.ExecuteAsync("UPDATE topics SET title = @Title, slug = @Slug WHERE id = @Id",
                    new { Title = title, Slug = Slugs.FromTitle(title!), topic.Id }, tx);
            if (!own)
                await AuditLog.WriteAsync(connection, tx, topic.CommunityId, editorId, "edit_post", $"post {post.Id}", $"topic {topic.Id} #{post.PostNumber}", now);
            var url = Discussions.Pages.TopicModel.PostUrl(Topics.Url(topic.Id, retitled ? Slugs.FromTitle(title!) : topic.Slug), post.PostNumber);
            await PostBody.NotifyAsync(connection, tx,
                new PostContext(topic.CommunityId, topic.Id, retitled ? title! : topic.Title, post.Id, post.PostNumber, post.AuthorId, url), rendered, now, before);
            await tx.CommitAsync(ct);
            return new EditedPost { Id = post.Id, PostNumber = post.PostNumber, BodyHtml = bodyHtml, EditedAt = now, Revision = revision, TopicTitle = retitled ? title! : topic.Title, Url = url };
        }
        await tx.CommitAsync(ct);
        return new EditedPost { Id = post.Id, PostNumber = post.PostNumber, BodyHtml = bodyHtml, Revision = revision, TopicTitle = topic.Title, Url = loaded.Value.Url };
    }
}

/// <summary>Pure answers to "may this viewer change this post?".</summary>
public static class ConversationPermissions
{
    /// <summary>The author while they may post here, or a moderator.</summary>
    public static bool MayEdit(CommunityAccess c, bool ownPost) => CommunityPermissions.MayPost(c) && (ownPost || c.IsModerator);

    /// <summary>Only the author deletes and restores their own post (moderators hide, which is another matter).</summary>
    public static bool MayDelete(CommunityAccess c, bool ownPost) => CommunityPermissions.MayPost(c) && ownPost;

    public static bool MayReact(CommunityAccess c) => CommunityPermissions.MayPost(c);

    /// <summary>Lock, archive and move are moderation: moderators and stewards of an active community.</summary>
    public static bool MayModerateTopic(CommunityAccess c) => CommunityPermissions.MayModerate(c) && c.Status == "Active";
}
