namespace Hearth.Features.Communities;

/// <summary>Pure answers to "may this viewer do X in this community?".</summary>
public static class CommunityPermissions
{
    /// <summary>Private communities are unknown to outsiders (404); a pending request or former membership still reveals the name.</summary>
    public static bool MaySeeExistence(CommunityAccess c) => !c.IsPrivate || c.ViewerState is not null;

    /// <summary>Topics, posts and member lists: everyone for Public, active members otherwise.</summary>
    public static bool MayRead(CommunityAccess c) => c.IsPublic || c.IsActiveMember;

    public static bool MayPost(CommunityAccess c) => c.IsActiveMember && c.Status == "Active";

    public static bool MayEdit(CommunityAccess c) => c.IsSteward;

    public static bool MayModerate(CommunityAccess c) => c.IsModerator;
}
