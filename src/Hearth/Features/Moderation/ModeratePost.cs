using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

public sealed record ModeratePostRequest(string? Reason);

public sealed record PostModerated(long PostId, string State, long ActionId);

/// <summary>
/// A moderator of the post's community (or an admin) hides, restores or removes a post, or approves or rejects one
/// held for approval. Each is a state change with a reason, a moderation action the author may appeal, an audit
/// entry and a notification to the author — in one transaction. Search follows by its triggers on posts.state.
/// </summary>
public sealed class ModeratePost(Db db, TimeProvider clock)
{
    private static readonly Dictionary<ActionKind, (string[] From, string To, bool ReasonRequired, string Told)> Moves = new()
    {
        [ActionKind.HidePost] = ([PostStates.Visible], PostStates.Hidden, true, "hid your post"),
        [ActionKind.RestorePost] = ([PostStates.Hidden, PostStates.Removed], PostStates.Visible, false, "restored your post"),
        [ActionKind.RemovePost] = ([PostStates.Visible, PostStates.Hidden, PostStates.Pending], PostStates.Removed, true, "removed your post"),
        [ActionKind.ApprovePost] = ([PostStates.Pending], PostStates.Visible, false, "approved your post"),
        [ActionKind.RejectPost] = ([PostStates.Pending], PostStates.Removed, true, "did not approve your post"),
    };

    public async Task<Result<PostModerated>> HandleAsync(long postId, ActionKind kind, ModeratePostRequest request, long actorId, CancellationToken ct = default)
    {
        var move = Moves[kind];
        var reason = request.Reason?.Trim() ?? "";
        var validation = new Validation().Optional("reason", reason, ModerationLimits.Reason, "Reason");
        if (move.ReasonRequired && reason.Length == 0) validation.Add("reason", "Say why: the author is told.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var post = await ModerationRecords.PostAsync(connection, postId, actorId, tx);
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        if (post is null) return Problem.NotFound("No such post.");
        if (!ModerationPermissions.MayModerate(post.Access, admin))
            return post.State == PostStates.Visible && ModerationPermissions.MayFlagIn(post.Access)
                ? Problem.Forbidden("Only the community's moderators do that; flag the post instead.")
                : Problem.NotFound("No such post.");
        if (validation.Problem is { } invalid) return invalid;
        if (!move.From.Contains(post.State)) return Problem.Conflict($"The post is {post.State}; it cannot be {Past(kind)}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await connection.ExecuteAsync("UPDATE posts SET state = @To WHERE id = @Id AND state = @From",
            new { move.To, Id = postId, From = post.State }, tx);
        if (changed != 1) return Problem.Conflict("The post changed meanwhile; reload it.");
        var actionId = await ModerationRecords.RecordAsync(connection, tx,
            new ActionRecord(post.CommunityId, actorId, kind, $"post {postId}", reason, post.AuthorId, postId, post.TopicId), now);
        // A rejected or approved post was never seen; its author is told either way, with the reason.
        await Notify.SendAsync(connection, tx, [new NotificationDraft(post.AuthorId, "moderation",
            $"A moderator {move.Told} in \"{post.TopicTitle}\"{(reason.Length > 0 ? ": " + reason : ".")}",
            ModerationUrls.Action(actionId), post.CommunityId, post.TopicId, postId, actorId)], now);
        await tx.CommitAsync(ct);
        return new PostModerated(postId, move.To, actionId);
    }

    private static string Past(ActionKind kind) => kind switch
    {
        ActionKind.HidePost => "hidden",
        ActionKind.RestorePost => "restored",
        ActionKind.RemovePost => "removed",
        ActionKind.ApprovePost => "approved",
        _ => "rejected",
    };
}
