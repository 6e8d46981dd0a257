using System.Text.RegularExpressions;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Membership;

/// <summary>Exactly one of the two: an account by its user name, or an e-mail address (which may not have an account yet).</summary>
public sealed record InviteRequest(string? UserName, string? Email);

/// <summary>The token is shown once, here; only its hash is kept.</summary>
public sealed record CreatedInvitation(string Token, string Url, DateTime ExpiresAt);

/// <summary>
/// A steward or moderator invites one person. Nothing changes for that person until they accept:
/// the invitation is the community's offer, the membership is the invitee's own act.
/// </summary>
public sealed partial class InviteMember(Db db, TimeProvider clock)
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    public async Task<Result<CreatedInvitation>> HandleAsync(string slug, InviteRequest request, long inviterId, CancellationToken ct = default)
    {
        var userName = string.IsNullOrWhiteSpace(request.UserName) ? null : request.UserName.Trim();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if ((userName is null) == (email is null))
        {
            var message = userName is null
                ? "Give the user name or the e-mail address of the person to invite."
                : "Give a user name or an e-mail address, not both.";
            return Problem.Invalid(new Dictionary<string, string[]> { ["userName"] = [message], ["email"] = [message] });
        }
        if (email is not null && (email.Length > Invitations.MaxEmail || !EmailPattern().IsMatch(email)))
            return Problem.Field("email", "E-mail must look like name@example.org.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, inviterId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (!MembershipPermissions.MayAdmit(c)) return Problem.Forbidden("Only stewards and moderators invite people.");
        if (c.Status != "Active") return Problem.Conflict("This community is archived and takes no new members.");

        long? invitee = null;
        if (userName is not null)
        {
            var found = await connection.QuerySingleOrDefaultAsync<Invitee>("""
                SELECT u.id, u.user_name, m.state FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.community_id = @CommunityId
                WHERE u.normalized_user_name = @Name
                """, new { CommunityId = c.Id, Name = userName.ToUpperInvariant() }, tx);
            if (found is null) return Problem.Field("userName", $"No one here is called '{userName}'.");
            if (found.State == nameof(MembershipState.Active)) return Problem.Conflict($"{found.UserName} is already a member.");
            invitee = found.Id;
            userName = found.UserName;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var issued = await IssueAsync(connection, tx, c.Id, c.Name, invitee, email, userName ?? email!, inviterId, now);
        await tx.CommitAsync(ct);
        return issued.Invitation;
    }

    /// <summary>
    /// Writes, audits and sends one invitation inside the caller's transaction (the import invites every consented
    /// member of an archive this way, in the import's own transaction).
    /// </summary>
    internal static async Task<(long Id, CreatedInvitation Invitation)> IssueAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx,
        long communityId, string communityName, long? invitee, string? email, string label, long inviterId, DateTime now)
    {
        var token = Tokens.New(Invitations.TokenPrefix);
        var expires = now + Invitations.Lifetime;
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO invitations (community_id, invited_user_id, email, token_hash, created_by, created_at, expires_at)
            VALUES (@CommunityId, @Invitee, @Email, @Hash, @Inviter, @Now, @Expires)
            RETURNING id
            """, new { CommunityId = communityId, Invitee = invitee, Email = email, Hash = Tokens.Hash(token), Inviter = inviterId, Now = now, Expires = expires }, tx);
        await AuditLog.WriteAsync(connection, tx, communityId, inviterId, "invite", label, $"expires {expires:yyyy-MM-dd}", now);
        await TellInviteeAsync(connection, tx, communityName, invitee, email, inviterId, Invitations.UrlOf(token), expires, now);
        return (id, new CreatedInvitation(token, Invitations.UrlOf(token), expires));
    }

    /// <summary>
    /// An account is told on the site (with no community attached: the invitee is not a member yet, and the
    /// notification must reach them anyway); an e-mail address gets the link by e-mail.
    /// </summary>
    private static async Task TellInviteeAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string communityName,
        long? invitee, string? email, long inviterId, string url, DateTime expires, DateTime now)
    {
        var inviter = await connection.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @Id", new { Id = inviterId }, tx);
        var text = $"{inviter} invites you to join {communityName}.";
        if (invitee is { } userId)
        {
            await Notifications.Notify.SendAsync(connection, tx, [new Notifications.NotificationDraft(userId, "invitation", text, url, ActorId: inviterId)], now);
            return;
        }
        await Platform.Email.Outbox.EnqueueAsync(connection, tx, new Platform.Email.OutgoingMail("invitation", null, email!, text,
            $"{text}\n\nAccept the invitation (and the community's rules) here before {expires:d MMMM yyyy}:", url), now);
    }

    private sealed record Invitee
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string? State { get; init; }
    }
}
