using System.Text.Json.Serialization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;

namespace Hearth.Features.Ideas;

/// <param name="Status">New, UnderReview, Planned, InProgress, Done or Declined, spelled exactly so.</param>
/// <param name="Note">Why (Markdown, 1–2000 characters); always required, because the people who voted deserve a reason.</param>
public sealed record ChangeStatusRequest(string? Status, string? Note);

public sealed record StatusChangedView
{
    public long TopicId { get; init; }
    public string Status { get; init; } = "";
    public IdeaStatusChange Change { get; init; } = new();
    /// <summary>How many people were notified: the author and the voters who are still members, never the moderator.</summary>
    public int Notified { get; init; }
    [JsonIgnore] public string Url { get; init; } = "";
}

/// <summary>
/// A moderator or steward moves an idea to another status with a note. The change is kept in the idea's history and
/// the author and every voter who is still an active member are notified — all in one transaction.
/// </summary>
public sealed class ChangeIdeaStatus(Db db, TimeProvider clock)
{
    public async Task<Result<StatusChangedView>> HandleAsync(long topicId, ChangeStatusRequest request, long actorId, CancellationToken ct = default)
    {
        var note = request.Note?.Trim();
        var validation = new Validation()
            .Check(IdeaStatuses.IsValid(request.Status), "status", $"Status must be one of {string.Join(", ", IdeaStatuses.All)}.")
            .Require("note", note, IdeaStatuses.NoteMax, "Note");
        var noteHtml = validation.Problem is null ? MarkdownRenderer.ToHtml(note) : "";

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, actorId, tx);
        if (TopicPermissions.RefuseWrite(topic?.Access, "No such topic.") is { } refused) return refused;
        if (!IdeaPermissions.IsIdea(topic!.SpaceKind)) return Problem.Conflict("Only ideas have a status; this topic is not an idea.");
        if (!IdeaPermissions.MayChangeStatus(topic.Access)) return Problem.Forbidden("Only moderators and stewards change an idea's status.");
        if (validation.Problem is { } invalid) return invalid;
        var to = request.Status!;
        if (to == topic.IdeaStatus) return Problem.Conflict($"The idea is already {IdeaStatuses.Label(to)}.");

        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional on the status read above: two moderators deciding at once cannot both record a move from it.
        var moved = await connection.ExecuteAsync(
            "UPDATE topics SET idea_status = @To WHERE id = @Id AND idea_status = @From", new { Id = topicId, To = to, From = topic.IdeaStatus }, tx);
        if (moved != 1) return Problem.Conflict("The idea's status changed meanwhile; reload and try again.");
        await connection.ExecuteAsync("""
            INSERT INTO idea_status_changes (topic_id, actor_id, from_status, to_status, note, note_html, created_at)
            VALUES (@Id, @Actor, @From, @To, @Note, @NoteHtml, @Now);
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, created_at) VALUES (@CommunityId, @Actor, 'idea_status', @Id, @Now);
            """, new { Id = topicId, Actor = actorId, From = topic.IdeaStatus, To = to, Note = note, NoteHtml = noteHtml, Now = now, topic.CommunityId }, tx);
        var actor = await connection.QuerySingleAsync<ActorRow>("SELECT user_name, display_name FROM users WHERE id = @Actor", new { Actor = actorId }, tx);
        // The author and the voters, as long as they are still active members: a notification must never show a
        // former member what they can no longer see. Notify skips the moderator's own row.
        var recipients = await connection.QueryAsync<long>("""
            SELECT m.user_id FROM memberships m
            WHERE m.community_id = @CommunityId AND m.state = 'Active'
              AND (m.user_id = @AuthorId OR m.user_id IN (SELECT v.user_id FROM idea_votes v WHERE v.topic_id = @Id))
            """, new { topic.CommunityId, topic.AuthorId, Id = topicId }, tx);
        var url = Topics.Url(topic.Id, topic.Slug);
        var label = IdeaStatuses.Label(to);
        var notified = await Notify.SendAsync(connection, tx, recipients.Select(userId => new NotificationDraft(userId, "idea_status",
            $"{actor.DisplayName} moved “{topic.Title}” to {label}: {Excerpt(note!)}", url, topic.CommunityId, topicId, null, actorId)), now);
        await tx.CommitAsync(ct);
        return new StatusChangedView
        {
            TopicId = topicId,
            Status = to,
            Change = new IdeaStatusChange
            {
                From = topic.IdeaStatus,
                To = to,
                Note = note!,
                NoteHtml = noteHtml,
                By = new AuthorView(actor.UserName, actor.DisplayName),
                At = now,
            },
            Notified = notified,
            Url = url,
        };
    }

    private static string Excerpt(string note) => note.Length <= 140 ? note : note[..139] + "…";

    private sealed record ActorRow
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
