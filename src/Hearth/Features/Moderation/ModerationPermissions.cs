using Hearth.Features.Communities;

namespace Hearth.Features.Moderation;

/// <summary>Pure answers to "may this viewer moderate here?", on top of <see cref="CommunityPermissions"/>.</summary>
public static class ModerationPermissions
{
    /// <summary>Moderators and stewards of the community, or a site admin.</summary>
    public static bool MayModerate(CommunityAccess c, bool isAdmin) => isAdmin || CommunityPermissions.MayModerate(c);

    public static bool MayChangeSettings(CommunityAccess c, bool isAdmin) => isAdmin || c.IsSteward;

    /// <summary>The moderation log: moderators always; members when the stewards made it public.</summary>
    public static bool MayReadLog(CommunityAccess c, bool isAdmin, bool publicLog) =>
        MayModerate(c, isAdmin) || (publicLog && c.IsActiveMember);

    private static int Rank(string? role) => role switch { "Steward" => 2, "Moderator" => 1, _ => 0 };

    /// <summary>Sanctions go down the ladder only: moderators act on members, stewards on members and moderators; admins on anyone.</summary>
    public static bool MaySanction(CommunityAccess c, bool isAdmin, string? targetRole) =>
        isAdmin || (CommunityPermissions.MayModerate(c) && Rank(c.ViewerRole) > Rank(targetRole));

    /// <summary>A flag may name only what the flagger can see; moderators need no flags, but may file them too.</summary>
    public static bool MayFlagIn(CommunityAccess c) => CommunityPermissions.MaySeeExistence(c) && CommunityPermissions.MayRead(c);
}
