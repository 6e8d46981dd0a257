using Hearth.Features.Communities;

namespace Hearth.Features.Membership;

/// <summary>
/// An invitation is a single-use link to one person (an account or an e-mail address) that becomes a membership
/// only when that person accepts it. The link carries the token; the database keeps only its hash.
/// </summary>
public static class Invitations
{
    public const string TokenPrefix = "inv_";

    /// <summary>Long enough for a person to get round to it, short enough that a forgotten link soon stops working.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>Tokens are the prefix and 43 characters; anything much longer is not one of ours and is not hashed.</summary>
    public const int MaxTokenLength = 100;

    public const int MaxEmail = 254;

    public static string UrlOf(string token) => $"/invitations/{token}";
}

/// <summary>Pure answers to "may this viewer do X with the community's membership?".</summary>
public static class MembershipPermissions
{
    /// <summary>The member list follows the content: anyone for Public, active members otherwise.</summary>
    public static bool MaySeeMembers(CommunityAccess c) => CommunityPermissions.MaySeeExistence(c) && CommunityPermissions.MayRead(c);

    public static bool MayChangeRoles(CommunityAccess c) => c.IsSteward;

    /// <summary>Stewards and moderators decide on requests and invite people.</summary>
    public static bool MayAdmit(CommunityAccess c) => c.IsModerator;
}
