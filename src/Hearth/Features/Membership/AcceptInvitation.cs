using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Membership;

public sealed record AcceptInvitationRequest(int? AcceptRulesVersion);

/// <summary>
/// The invitee accepts an invitation and the current rules, and becomes an active member — the only way into
/// a Private or Invitation-only community. An invitation works once, for the person it names, until it expires;
/// to anyone else it does not exist.
/// </summary>
public sealed class AcceptInvitation(Db db, TimeProvider clock)
{
    public async Task<Result<JoinOutcome>> HandleAsync(string token, AcceptInvitationRequest request, long userId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > Invitations.MaxTokenLength) return Problem.NotFound("No such invitation.");
        if (request.AcceptRulesVersion is null)
            return Problem.Field("acceptRulesVersion", "Accept the community's rules: send the rules version you read.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var invitation = await connection.QuerySingleOrDefaultAsync<Invitation>("""
            SELECT i.id, i.community_id, i.invited_user_id, i.email, i.expires_at, i.accepted_at, u.normalized_email AS caller_email
            FROM invitations i JOIN users u ON u.id = @UserId
            WHERE i.token_hash = @Hash
            """, new { Hash = Tokens.Hash(token), UserId = userId }, tx);
        if (invitation is null || !invitation.IsFor(userId)) return Problem.NotFound("No such invitation.");
        if (invitation.AcceptedAt is not null) return Problem.Conflict("This invitation has already been used.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= invitation.ExpiresAt) return Problem.Conflict("This invitation has expired; ask for a new one.");

        var c = await CommunityAccessQuery.ByIdAsync(connection, invitation.CommunityId, userId, tx);
        if (c is null) return Problem.NotFound("No such invitation.");
        if (c.Status != "Active") return Problem.Conflict("This community is archived and takes no new members.");
        if (c.IsActiveMember) return Problem.Conflict("You are already a member of this community.");
        if (c.ViewerState == nameof(MembershipState.Banned)) return Problem.Forbidden("You are banned from this community.");
        if (request.AcceptRulesVersion != c.RulesVersion)
            return Problem.Conflict($"The rules have changed; read version {c.RulesVersion} and accept it.");

        // Claimed conditionally, so two accepts of one link racing each other make one membership.
        var claimed = await connection.ExecuteAsync(
            "UPDATE invitations SET accepted_at = @Now, accepted_by = @UserId WHERE id = @Id AND accepted_at IS NULL",
            new { Now = now, UserId = userId, invitation.Id }, tx);
        if (claimed != 1) return Problem.Conflict("This invitation has already been used.");
        await Memberships.SaveAsync(connection, tx, c.Id, userId, MembershipState.Active, c.RulesVersion, now);
        await Memberships.RecordJoinAsync(connection, tx, c.Id, userId, now);
        // An invitation sent by a community import hands the invitee their imported posts (one UPDATE otherwise finding nothing).
        await Portability.ImportedAuthors.ClaimAsync(connection, tx, invitation.Id, userId, now);
        await tx.CommitAsync(ct);
        return new JoinOutcome(nameof(MembershipState.Active));
    }

    private sealed record Invitation
    {
        public long Id { get; init; }
        public long CommunityId { get; init; }
        public long? InvitedUserId { get; init; }
        public string? Email { get; init; }
        public DateTime ExpiresAt { get; init; }
        public DateTime? AcceptedAt { get; init; }
        public string CallerEmail { get; init; } = "";

        public bool IsFor(long userId) =>
            InvitedUserId is { } invited ? invited == userId
            : Email is not null && Email.ToUpperInvariant() == CallerEmail;
    }
}
