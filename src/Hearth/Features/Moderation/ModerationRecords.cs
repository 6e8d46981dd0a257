using System.Data.Common;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;

namespace Hearth.Features.Moderation;

/// <summary>A post with its topic and community, the viewer's relation to the community and the author's role, in one row.</summary>
internal sealed record PostTarget : ICommunityAccessRow
{
    public long Id { get; init; }
    public string State { get; init; } = "";
    public long AuthorId { get; init; }
    public int PostNumber { get; init; }
    public long TopicId { get; init; }
    public string TopicTitle { get; init; } = "";
    public string TopicSlug { get; init; } = "";
    public string AuthorUserName { get; init; } = "";
    public string? AuthorRole { get; init; }
    public long CommunityId { get; init; }
    public string CommunitySlug { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string CommunityKind { get; init; } = "";
    public string? Domain { get; init; }
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public string Status { get; init; } = "";
    public int RulesVersion { get; init; }
    public int MemberCount { get; init; }
    public string? ViewerRole { get; init; }
    public string? ViewerState { get; init; }
    public int FlagsToHide { get; init; }

    public CommunityAccess Access => this.ToAccess();
}

/// <summary>What every moderation use case shares: who is an admin, the post's row, and writing an action down.</summary>
internal static class ModerationRecords
{
    public static Task<bool> IsAdminAsync(DbConnection connection, long userId, DbTransaction? tx = null) =>
        connection.ExecuteScalarAsync<bool>("SELECT is_admin FROM users WHERE id = @Id", new { Id = userId }, tx);

    public static Task<PostTarget?> PostAsync(DbConnection connection, long postId, long viewer, DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<PostTarget>("""
            SELECT p.id, p.state, p.author_id, p.post_number, p.topic_id, t.title AS topic_title, t.slug AS topic_slug,
                   au.user_name AS author_user_name, am.role AS author_role,
                   c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.kind AS community_kind, c.domain,
                   c.visibility, c.join_policy, c.status, c.rules_version, c.member_count, c.flags_to_hide,
                   m.role AS viewer_role, m.state AS viewer_state
            FROM posts p
            JOIN topics t ON t.id = p.topic_id
            JOIN communities c ON c.id = t.community_id
            JOIN users au ON au.id = p.author_id
            LEFT JOIN memberships am ON am.community_id = c.id AND am.user_id = p.author_id
            LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
            WHERE p.id = @Id
            """, new { Id = postId, Viewer = viewer }, tx);

    /// <summary>One moderation action: a row the member can appeal, and the append-only audit entry, in the caller's transaction.</summary>
    public static async Task<long> RecordAsync(DbConnection connection, DbTransaction tx, ActionRecord a, DateTime now)
    {
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO moderation_actions (community_id, actor_id, kind, target_user_id, post_id, topic_id, reason, ends_at, created_at)
            VALUES (@CommunityId, @ActorId, @Kind, @TargetUserId, @PostId, @TopicId, @Reason, @EndsAt, @Now)
            RETURNING id
            """, new { a.CommunityId, a.ActorId, Kind = a.Kind.ToString(), a.TargetUserId, a.PostId, a.TopicId, a.Reason, a.EndsAt, Now = now }, tx);
        await AuditLog.WriteAsync(connection, tx, a.CommunityId, a.ActorId, AuditName(a.Kind), a.Target, a.Reason, now);
        return id;
    }

    /// <summary>The audit log's snake_case verb for an action kind (HidePost → hide_post).</summary>
    public static string AuditName(ActionKind kind) =>
        string.Concat(kind.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

internal sealed record ActionRecord(long? CommunityId, long ActorId, ActionKind Kind, string Target, string Reason,
    long? TargetUserId = null, long? PostId = null, long? TopicId = null, DateTime? EndsAt = null);
