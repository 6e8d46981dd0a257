using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

public sealed record PostStateView(long Id, string State, string Url);

/// <summary>
/// The author deletes their post, or restores it: the post keeps its number and source and shows a placeholder; a
/// reply's deletion takes it out of the topic's reply count, its restoration puts it back. Both are idempotent.
/// A post hidden or held by a moderator is not the author's to change.
/// </summary>
public sealed class DeletePost(Db db)
{
    public async Task<Result<PostStateView>> HandleAsync(long postId, bool restore, long authorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var loaded = await PostRecords.LoadAsync(connection, postId, authorId, tx, anyState: true);
        if (!loaded.Ok) return loaded.As<PostStateView>();
        var (post, topic) = (loaded.Value!.Post, loaded.Value.Topic);
        if (TopicPermissions.RefuseWrite(topic.Access, "No such post.") is { } refused) return refused;
        if (!ConversationPermissions.MayDelete(topic.Access, post.AuthorId == authorId)) return Problem.Forbidden("Only its author deletes or restores a post.");
        if (topic.Archived) return Problem.Conflict("This topic is archived; its posts stay as they are.");
        var (from, to) = restore ? (PostStates.Deleted, PostStates.Visible) : (PostStates.Visible, PostStates.Deleted);
        if (post.State == to) return new PostStateView(post.Id, to, loaded.Value.Url);
        if (post.State != from) return Problem.Conflict("A moderator has hidden or held this post; only a moderator changes it.");

        // The state condition is repeated: the counter moves only for the one write that changed the state.
        var changed = await connection.ExecuteAsync("UPDATE posts SET state = @To WHERE id = @Id AND state = @From",
            new { To = to, From = from, post.Id }, tx);
        if (changed == 1 && post.PostNumber > 1)
            await connection.ExecuteAsync($"UPDATE topics SET reply_count = reply_count {(restore ? "+" : "-")} 1 WHERE id = @Id", new { topic.Id }, tx);
        await tx.CommitAsync(ct);
        return new PostStateView(post.Id, to, loaded.Value.Url);
    }
}
