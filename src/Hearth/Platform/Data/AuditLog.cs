using System.Data.Common;
using Dapper;

namespace Hearth.Platform.Data;

/// <summary>
/// The append-only record of who did what to a community, and why. Every steward, moderator and admin action writes
/// one row here in the same transaction as the action itself; nothing updates or deletes rows. Actions are
/// snake_case verbs with their object (<c>pin_topic</c>, <c>change_role</c>); the target names the thing acted on.
/// </summary>
public static class AuditLog
{
    public static Task WriteAsync(DbConnection connection, DbTransaction tx, long? communityId, long actorId, string action, string target, string detail, DateTime now) =>
        connection.ExecuteAsync(
            "INSERT INTO audit_log (community_id, actor_id, action, target, detail, created_at) VALUES (@CommunityId, @Actor, @Action, @Target, @Detail, @Now)",
            new { CommunityId = communityId, Actor = actorId, Action = action, Target = target, Detail = detail, Now = now }, tx);
}
