using System.Data.Common;
using Dapper;
using Hearth.Features.Notifications;

namespace Hearth.Features.Governance;

/// <summary>
/// Who hears of a proposal: every active member when it asks for support, when voting opens and when it passes
/// (members are engaged in change, not informed of it afterwards); the proposer, supporters and voters when it fails.
/// Only active members are told, so nobody learns of a private community's business by a notification.
/// </summary>
internal static class ProposalNotices
{
    public static async Task ToMembersAsync(DbConnection connection, DbTransaction tx, long communityId, string kind, string text, string url,
        long? actorId, bool email, DateTime now)
    {
        var members = await connection.QueryAsync<long>(
            "SELECT user_id FROM memberships WHERE community_id = @CommunityId AND state = 'Active'", new { CommunityId = communityId }, tx);
        await Notify.SendAsync(connection, tx, members.Select(id => new NotificationDraft(id, kind, text, url, communityId, ActorId: actorId, Email: email)), now);
    }

    public static async Task ToParticipantsAsync(DbConnection connection, DbTransaction tx, long communityId, long proposalId, string kind, string text, string url,
        long? actorId, DateTime now)
    {
        // One query: the proposal's people who are still active members.
        var people = await connection.QueryAsync<long>("""
            SELECT m.user_id FROM memberships m
            WHERE m.community_id = @CommunityId AND m.state = 'Active' AND m.user_id IN (
                SELECT p.proposer_id FROM proposals p WHERE p.id = @ProposalId
                UNION SELECT v.user_id FROM proposal_votes v WHERE v.proposal_id = @ProposalId
                UNION SELECT s.user_id FROM proposal_supports s WHERE s.proposal_id = @ProposalId)
            """, new { CommunityId = communityId, ProposalId = proposalId }, tx);
        await Notify.SendAsync(connection, tx, people
            .Select(id => new NotificationDraft(id, kind, text, url, communityId, ActorId: actorId)), now);
    }
}
