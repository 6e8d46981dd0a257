using System.Globalization;
using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
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
    /// <summary>Topics and replies the member has written in this community.</summary>
    public int PostCount { get; init; }
    /// <summary>The skills on the member's profile.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    internal long Id { get; init; }
    internal long UserId { get; init; }
    internal string NormalizedUserName { get; init; } = "";
}

/// <summary>The member directory's orders; each has its own keyset.</summary>
public enum MemberSort { Joined, Newest, Active, Name }

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
    public const int MaxSearch = 100;

    /// <summary>
    /// Active members, searched by <paramref name="q"/> (a part of the user name, display name or a skill) and sorted:
    /// joined (longest-standing first, the default), newest, active (most topics and replies here first, from the
    /// counter kept on write) or name (user name). Each order is a keyset on its own index-friendly key with the
    /// membership id as tie-break; the skills of the page's members come in one more command. Invalid for an unknown
    /// sort, a too long search or a malformed cursor (the API answers 400).
    /// </summary>
    public async Task<Result<Page<MemberView>>> MembersAsync(long communityId, string? q, string? sort, string? cursor, int? limit, CancellationToken ct = default)
    {
        MemberSort? order = sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "joined" => MemberSort.Joined,
            "newest" => MemberSort.Newest,
            "active" or "most-active" => MemberSort.Active,
            "name" => MemberSort.Name,
            _ => null,
        };
        if (order is not { } by) return Problem.Field("sort", "Sort must be joined, newest, active or name.");
        var search = q?.Trim() ?? "";
        if (search.Length > MaxSearch) return Problem.Field("q", $"Search for at most {MaxSearch} characters.");
        var parts = Page.Decode(cursor);
        if (parts is null || (parts.Length != 0 && parts.Length != 2)
            || (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return Problem.Field("cursor", "The cursor is not valid.");
        DateTime afterAt = default;
        long afterCount = 0;
        if (parts.Length == 2 && by is MemberSort.Joined or MemberSort.Newest && !Page.TryInstant(parts[0], out afterAt))
            return Problem.Field("cursor", "The cursor is not valid.");
        if (parts.Length == 2 && by == MemberSort.Active && !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out afterCount))
            return Problem.Field("cursor", "The cursor is not valid.");
        var afterId = parts.Length == 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        var afterName = parts.Length == 2 ? parts[0] : "";

        // Put together from constants only; what the caller sent travels as parameters.
        var (keyset, orderBy) = by switch
        {
            MemberSort.Newest => ("(m.joined_at < @AfterAt OR (m.joined_at = @AfterAt AND m.id < @AfterId))", "m.joined_at DESC, m.id DESC"),
            MemberSort.Active => ("(m.post_count < @AfterCount OR (m.post_count = @AfterCount AND m.id > @AfterId))", "m.post_count DESC, m.id"),
            MemberSort.Name => ("(u.normalized_user_name > @AfterName OR (u.normalized_user_name = @AfterName AND m.id > @AfterId))", "u.normalized_user_name, m.id"),
            _ => ("(m.joined_at > @AfterAt OR (m.joined_at = @AfterAt AND m.id > @AfterId))", "m.joined_at, m.id"),
        };
        var matching = search.Length == 0 ? "" : """
            AND (u.normalized_user_name LIKE @Like ESCAPE '\' OR UPPER(u.display_name) LIKE @Like ESCAPE '\'
                 OR EXISTS (SELECT 1 FROM user_skills s WHERE s.user_id = u.id AND (UPPER(s.skill) LIKE @Like ESCAPE '\' OR s.skill LIKE @SkillLike ESCAPE '\')))
            """;
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<MemberView>($"""
            SELECT m.id, u.id AS user_id, u.user_name, u.normalized_user_name, u.display_name, m.role, m.joined_at, m.post_count
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @CommunityId AND m.state = 'Active' {matching}
              {(parts.Length == 0 ? "" : "AND " + keyset)}
            ORDER BY {orderBy}
            LIMIT @Take
            """, new
        {
            CommunityId = communityId,
            Like = "%" + EscapeLike(search.ToUpperInvariant()) + "%",
            SkillLike = "%" + EscapeLike(People.Skills.Normalise(search)) + "%",
            AfterAt = afterAt,
            AfterCount = afterCount,
            AfterName = afterName,
            AfterId = afterId,
            Take = take + 1,
        })).ToList();
        var skills = await SkillsOfAsync(connection, rows.Take(take).Select(r => r.UserId).ToList());
        rows = [.. rows.Select(r => r with { Skills = skills[r.UserId].ToList() })];
        return Page.Keyset(rows, take, r => by switch
        {
            MemberSort.Active => $"{r.PostCount.ToString(CultureInfo.InvariantCulture)}|{r.Id}",
            MemberSort.Name => $"{r.NormalizedUserName}|{r.Id}",
            _ => $"{Page.Instant(r.JoinedAt)}|{r.Id}",
        });
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static async Task<ILookup<long, string>> SkillsOfAsync(System.Data.Common.DbConnection connection, IReadOnlyList<long> userIds)
    {
        if (userIds.Count == 0) return Array.Empty<(long, string)>().ToLookup(x => x.Item1, x => x.Item2);
        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<SkillRow>(
            $"SELECT user_id, skill FROM user_skills WHERE user_id IN {SqlLists.In(parameters, "Id", userIds)} ORDER BY user_id, position", parameters);
        return rows.ToLookup(r => r.UserId, r => r.Skill);
    }

    private sealed record SkillRow
    {
        public long UserId { get; init; }
        public string Skill { get; init; } = "";
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
