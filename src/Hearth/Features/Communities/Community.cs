namespace Hearth.Features.Communities;

/// <summary>What draws members together: a hobby or passion, or professionals sharing know-how in a domain.</summary>
public enum CommunityKind { Interest, Practice }

/// <summary>Public: anyone reads. Restricted: listed, content for members. Private: unlisted, members only.</summary>
public enum Visibility { Public, Restricted, Private }

/// <summary>How a person becomes a member — always by their own action.</summary>
public enum JoinPolicy { Open, Approval, Invitation }

public enum Role { Member, Moderator, Steward }

public enum MembershipState { Requested, Active, Left, Declined, Banned }

/// <summary>Field limits shared by the API, the pages and the validation.</summary>
public static class CommunityLimits
{
    public const int Name = 80;
    public const int Domain = 80;
    public const int Purpose = 2_000;
    public const int Values = 4_000;
    public const int Rules = 8_000;
}

/// <summary>A community and the viewer's relation to it, loaded together so every permission check is one query.</summary>
/// <remarks>
/// Read models are records with init properties rather than positional records: Dapper converts column types
/// (SQLite's 64-bit integers, 0/1 booleans) only when it sets properties, not when it calls constructors.
/// </remarks>
public sealed record CommunityAccess
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Domain { get; init; }
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public string Status { get; init; } = "";
    public int RulesVersion { get; init; }
    public int MemberCount { get; init; }
    public string? ViewerRole { get; init; }
    public string? ViewerState { get; init; }

    public bool IsActiveMember => ViewerState == nameof(MembershipState.Active);
    public bool IsPublic => Visibility == nameof(Communities.Visibility.Public);
    public bool IsPrivate => Visibility == nameof(Communities.Visibility.Private);
    public bool IsSteward => IsActiveMember && ViewerRole == nameof(Role.Steward);
    public bool IsModerator => IsActiveMember && ViewerRole is nameof(Role.Moderator) or nameof(Role.Steward);
}

/// <summary>
/// The community-and-viewer columns a feature's own query selects alongside its rows (so access costs no extra
/// query); <see cref="CommunityAccessRows.ToAccess"/> turns them into the <see cref="CommunityAccess"/> every check takes.
/// </summary>
public interface ICommunityAccessRow
{
    long CommunityId { get; }
    string CommunitySlug { get; }
    string CommunityName { get; }
    string CommunityKind { get; }
    string? Domain { get; }
    string Visibility { get; }
    string JoinPolicy { get; }
    string Status { get; }
    int RulesVersion { get; }
    int MemberCount { get; }
    string? ViewerRole { get; }
    string? ViewerState { get; }
}

public static class CommunityAccessRows
{
    public static CommunityAccess ToAccess(this ICommunityAccessRow row) => new()
    {
        Id = row.CommunityId,
        Slug = row.CommunitySlug,
        Name = row.CommunityName,
        Kind = row.CommunityKind,
        Domain = row.Domain,
        Visibility = row.Visibility,
        JoinPolicy = row.JoinPolicy,
        Status = row.Status,
        RulesVersion = row.RulesVersion,
        MemberCount = row.MemberCount,
        ViewerRole = row.ViewerRole,
        ViewerState = row.ViewerState,
    };
}
