using System.Globalization;
using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Security;
using Hearth.Platform.Web;

namespace Hearth.Features.Membership;

/// <summary>An active member as the member list shows them.</summary>
public sealed record MemberView
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTime JoinedAt { get; init; }
    internal long Id { get; init; }
}

/// <summary>A pending request to join; its id is the membership's id.</summary>
public sealed record PendingRequest
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public DateTime RequestedAt { get; init; }
    public int? RulesVersionAccepted { get; init; }
}

/// <summary>What an invitee is shown before accepting: enough of the charter to decide.</summary>
public sealed record InvitationView(InvitationCommunity Community, DateTime ExpiresAt, string InvitedBy, bool Accepted, bool Expired);

public sealed record InvitationCommunity(string Slug, string Name, string Purpose, string PurposeHtml, string Rules, string RulesHtml, int RulesVersion);

/// <summary>
/// Read side of membership. Callers check the community's visibility first (CommunityAccessQuery);
/// these queries then read only active members and pending requests.
/// </summary>
public sealed class MembershipQueries(Db db, TimeProvider clock)
{
    /// <summary>Active members, longest-standing first, keyset-paginated on (joined_at, id); null for a malformed cursor.</summary>
    public async Task<Page<MemberView>?> MembersAsync(long communityId, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (!TryAfter(cursor, out var after)) return null;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<MemberView>($"""
            SELECT m.id, u.user_name, u.display_name, m.role, m.joined_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @CommunityId AND m.state = 'Active'
              {(after is null ? "" : "AND (m.joined_at > @AfterAt OR (m.joined_at = @AfterAt AND m.id > @AfterId))")}
            ORDER BY m.joined_at, m.id
            LIMIT @Take
            """, new { CommunityId = communityId, AfterAt = after?.At, AfterId = after?.Id ?? 0, Take = take + 1 })).ToList();
        return Page.Keyset(rows, take, r => $"{Page.Instant(r.JoinedAt)}|{r.Id}");
    }

    /// <summary>Pending requests, oldest first, keyset-paginated on (requested_at, id); null for a malformed cursor.</summary>
    public async Task<Page<PendingRequest>?> RequestsAsync(long communityId, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (!TryAfter(cursor, out var after)) return null;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<PendingRequest>($"""
            SELECT m.id, u.user_name, u.display_name, m.requested_at, m.rules_version_accepted
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @CommunityId AND m.state = 'Requested'
              {(after is null ? "" : "AND (m.requested_at > @AfterAt OR (m.requested_at = @AfterAt AND m.id > @AfterId))")}
            ORDER BY m.requested_at, m.id
            LIMIT @Take
            """, new { CommunityId = communityId, AfterAt = after?.At, AfterId = after?.Id ?? 0, Take = take + 1 })).ToList();
        return Page.Keyset(rows, take, r => $"{Page.Instant(r.RequestedAt)}|{r.Id}");
    }

    /// <summary>
    /// The invitation behind a token, whoever asks: the token itself is the secret, so holding it is enough to read
    /// the charter of the community it opens (even a Private one). Null when no invitation has that token.
    /// </summary>
    public async Task<InvitationView?> InvitationAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > Invitations.MaxTokenLength) return null;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>("""
            SELECT c.slug, c.name, c.purpose, c.purpose_html, c.rules, c.rules_html, c.rules_version,
                   i.expires_at, i.accepted_at, u.user_name AS invited_by
            FROM invitations i JOIN communities c ON c.id = i.community_id JOIN users u ON u.id = i.created_by
            WHERE i.token_hash = @Hash
            """, new { Hash = Tokens.Hash(token) });
        if (row is null) return null;
        return new InvitationView(
            new InvitationCommunity(row.Slug, row.Name, row.Purpose, row.PurposeHtml, row.Rules, row.RulesHtml, row.RulesVersion),
            row.ExpiresAt, row.InvitedBy, row.AcceptedAt is not null, clock.GetUtcNow().UtcDateTime >= row.ExpiresAt);
    }

    private sealed record After(DateTime At, long Id);

    private static bool TryAfter(string? cursor, out After? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 2 || !Page.TryInstant(parts[0], out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        after = new After(at, id);
        return true;
    }

    private sealed record InvitationRow
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Purpose { get; init; } = "";
        public string PurposeHtml { get; init; } = "";
        public string Rules { get; init; } = "";
        public string RulesHtml { get; init; } = "";
        public int RulesVersion { get; init; }
        public DateTime ExpiresAt { get; init; }
        public DateTime? AcceptedAt { get; init; }
        public string InvitedBy { get; init; } = "";
    }
}
