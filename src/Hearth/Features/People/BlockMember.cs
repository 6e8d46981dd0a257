using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

public sealed record BlockView(string UserName, bool Blocked);

/// <summary>
/// A member blocks (or unblocks) another. Blocking also ends follows both ways, so the blocked member is not told of
/// the blocker's posts and the blocker no longer hears of theirs. Idempotent; the blocked member is not told.
/// </summary>
public sealed class BlockMember(Db db, TimeProvider clock)
{
    public async Task<Result<BlockView>> HandleAsync(string userName, long blockerId, bool block, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var target = await Persons.FindAsync(connection, tx, userName);
        if (target is null) return Problem.NotFound("No such member.");
        if (target.Id == blockerId) return Problem.Field("userName", "You cannot block yourself.");
        if (block)
        {
            await connection.ExecuteAsync("""
                INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES (@Blocker, @Blocked, @Now)
                ON CONFLICT (blocker_id, blocked_id) DO NOTHING;
                DELETE FROM user_follows WHERE (follower_id = @Blocker AND followed_id = @Blocked) OR (follower_id = @Blocked AND followed_id = @Blocker);
                """, new { Blocker = blockerId, Blocked = target.Id, Now = clock.GetUtcNow().UtcDateTime }, tx);
        }
        else
        {
            await connection.ExecuteAsync("DELETE FROM user_blocks WHERE blocker_id = @Blocker AND blocked_id = @Blocked",
                new { Blocker = blockerId, Blocked = target.Id }, tx);
        }
        await tx.CommitAsync(ct);
        return new BlockView(target.UserName, block);
    }
}
