using System.Data.Common;
using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.People;

/// <summary>
/// Who has blocked whom, for every feature that must honour it. A block is one-way: the blocker no longer hears from
/// the blocked member (no private messages; after the lead wires it, no mentions, and their posts collapsed on the
/// topic page). Features either call these helpers inside their own transaction, or put the SQL snippets into
/// their own query so the check costs no extra round trip.
/// </summary>
public static class Blocks
{
    /// <summary>
    /// A predicate for a WHERE or SELECT list: true when the member whose id is in <paramref name="blockedColumn"/> is
    /// blocked by the member whose id is in <paramref name="blockerColumn"/> (a column or a parameter such as
    /// <c>@Viewer</c>). Example, the topic page: <c>SELECT ..., {Blocks.IsBlockedSql("@Viewer", "p.author_id")} AS author_blocked</c>.
    /// Uses the primary key (blocker_id, blocked_id): one index probe per row.
    /// </summary>
    public static string IsBlockedSql(string blockerColumn, string blockedColumn) =>
        $"EXISTS (SELECT 1 FROM user_blocks ub WHERE ub.blocker_id = {blockerColumn} AND ub.blocked_id = {blockedColumn})";

    /// <summary>
    /// The same as a LEFT JOIN, for queries that prefer joins: after
    /// <c>{Blocks.JoinSql("vb", "@Viewer", "p.author_id")}</c>, <c>vb.blocker_id IS NOT NULL</c> means "blocked".
    /// </summary>
    public static string JoinSql(string alias, string blockerColumn, string blockedColumn) =>
        $"LEFT JOIN user_blocks {alias} ON {alias}.blocker_id = {blockerColumn} AND {alias}.blocked_id = {blockedColumn}";

    /// <summary>Whether <paramref name="blockerId"/> has blocked <paramref name="blockedId"/>.</summary>
    public static async Task<bool> IsBlockedAsync(DbConnection connection, DbTransaction? tx, long blockerId, long blockedId) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM user_blocks WHERE blocker_id = @Blocker AND blocked_id = @Blocked",
            new { Blocker = blockerId, Blocked = blockedId }, tx) > 0;

    /// <summary>
    /// Which of <paramref name="candidates"/> have blocked <paramref name="blockedId"/>, in one query: for "no mentions
    /// from blocked members", pass the mentioned members and the author, and drop the ones returned.
    /// </summary>
    public static async Task<IReadOnlySet<long>> BlockersAmongAsync(DbConnection connection, DbTransaction? tx, IEnumerable<long> candidates, long blockedId)
    {
        var ids = candidates.Distinct().ToArray();
        if (ids.Length == 0) return new HashSet<long>();
        var parameters = new DynamicParameters(new { Blocked = blockedId });
        var rows = await connection.QueryAsync<long>(
            $"SELECT blocker_id FROM user_blocks WHERE blocked_id = @Blocked AND blocker_id IN {SqlLists.In(parameters, "Id", ids)}", parameters, tx);
        return rows.ToHashSet();
    }
}
