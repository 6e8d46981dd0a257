using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

public sealed record FollowView(string UserName, bool Following, int Followers);

/// <summary>
/// A member follows (or stops following) another. Only stored for now: the notifications feature may tell followers
/// what the followed member posts. Following is idempotent; nobody follows themselves, nor someone who blocked them.
/// </summary>
public sealed class FollowMember(Db db, TimeProvider clock)
{
    public async Task<Result<FollowView>> HandleAsync(string userName, long followerId, bool follow, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var target = await Persons.FindAsync(connection, tx, userName);
        if (target is null) return Problem.NotFound("No such member.");
        if (target.Id == followerId) return Problem.Field("userName", "You cannot follow yourself.");
        if (follow)
        {
            // Told no without being told why: a block is the blocker's business.
            if (await Blocks.IsBlockedAsync(connection, tx, target.Id, followerId)) return Problem.Forbidden("You cannot follow this member.");
            await connection.ExecuteAsync("""
                INSERT INTO user_follows (follower_id, followed_id, created_at) VALUES (@Follower, @Followed, @Now)
                ON CONFLICT (follower_id, followed_id) DO NOTHING
                """, new { Follower = followerId, Followed = target.Id, Now = clock.GetUtcNow().UtcDateTime }, tx);
        }
        else
        {
            await connection.ExecuteAsync("DELETE FROM user_follows WHERE follower_id = @Follower AND followed_id = @Followed",
                new { Follower = followerId, Followed = target.Id }, tx);
        }
        var followers = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM user_follows WHERE followed_id = @Id", new { target.Id }, tx);
        await tx.CommitAsync(ct);
        return new FollowView(target.UserName, follow, followers);
    }
}
