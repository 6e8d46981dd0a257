using System.Data.Common;
using Dapper;

namespace Hearth.Features.Portability;

/// <summary>
/// The placeholder accounts an import writes content under, and handing that content to its real author: when a
/// consented member accepts the invitation the import sent them, everything their placeholder holds in the community
/// becomes theirs. Nobody else's acceptance, and nothing but that invitation, moves it.
/// </summary>
public static class ImportedAuthors
{
    public static async Task ClaimAsync(DbConnection connection, DbTransaction tx, long invitationId, long userId, DateTime now)
    {
        var claimed = await connection.QuerySingleOrDefaultAsync<Claimed>("""
            UPDATE imported_authors SET claimed_by = @UserId, claimed_at = @Now
            WHERE invitation_id = @InvitationId AND claimed_by IS NULL
            RETURNING placeholder_user_id, community_id
            """, new { InvitationId = invitationId, UserId = userId, Now = now }, tx);
        if (claimed is null) return;
        await MoveAsync(connection, tx, claimed.CommunityId, claimed.PlaceholderUserId, userId);
    }

    /// <summary>A placeholder belongs to one community, so every row it authored is in that community.</summary>
    public static Task MoveAsync(DbConnection connection, DbTransaction tx, long communityId, long from, long to) =>
        connection.ExecuteAsync("""
            UPDATE posts SET author_id = @To WHERE author_id = @From;
            UPDATE topics SET author_id = @To WHERE community_id = @CommunityId AND author_id = @From;
            UPDATE topics SET last_post_user_id = @To WHERE community_id = @CommunityId AND last_post_user_id = @From;
            UPDATE article_revisions SET author_id = @To WHERE author_id = @From;
            UPDATE article_contributors SET user_id = @To WHERE user_id = @From;
            UPDATE idea_status_changes SET actor_id = @To WHERE actor_id = @From;
            UPDATE community_versions SET edited_by = @To WHERE community_id = @CommunityId AND edited_by = @From;
            UPDATE attachments SET uploader_id = @To WHERE community_id = @CommunityId AND uploader_id = @From;
            UPDATE activity_events SET user_id = @To WHERE community_id = @CommunityId AND user_id = @From;
            UPDATE memberships SET post_count = (SELECT COUNT(*) FROM activity_events e
                WHERE e.community_id = @CommunityId AND e.user_id = @To AND e.kind IN ('posted', 'replied'))
            WHERE community_id = @CommunityId AND user_id = @To;
            """, new { CommunityId = communityId, From = from, To = to }, tx);

    private sealed record Claimed
    {
        public long PlaceholderUserId { get; init; }
        public long CommunityId { get; init; }
    }
}
