using Hearth.Features.Communities;
using Hearth.Platform.Results;

namespace Hearth.Features.Discussions;

/// <summary>Pure answers to "may this viewer do X with topics here?", on top of <see cref="CommunityPermissions"/>.</summary>
public static class TopicPermissions
{
    public static bool MayRead(CommunityAccess c) => CommunityPermissions.MayRead(c);

    public static bool MayStartTopic(CommunityAccess c, string whoCanStart) =>
        CommunityPermissions.MayPost(c) && (whoCanStart != nameof(WhoCanStart.Moderators) || c.IsModerator);

    public static bool MayReply(CommunityAccess c, bool locked) => CommunityPermissions.MayPost(c) && !locked;

    public static bool MayAddSpace(CommunityAccess c) => c.IsSteward && c.Status == "Active";

    /// <summary>
    /// Why a write is refused, or null when the viewer may post at all: what the viewer may not read stays unknown (404);
    /// a Public community's outsiders can see it exists, so they are told no (403).
    /// </summary>
    public static Problem? RefuseWrite(CommunityAccess? c, string what = "No such community.")
    {
        if (c is null || !CommunityPermissions.MaySeeExistence(c) || !MayRead(c)) return Problem.NotFound(what);
        if (c.Status != "Active") return Problem.Forbidden("This community is archived; it takes no new posts.");
        if (!CommunityPermissions.MayPost(c)) return Problem.Forbidden("Only members post here: join the community first.");
        return null;
    }

    /// <summary>The sentence a reader sees in place of a form they cannot use.</summary>
    public static string WhyNotPost(CommunityAccess c, bool signedIn) =>
        !signedIn ? "Sign in and join this community to take part."
        : c.Status != "Active" ? "This community is archived; it takes no new posts."
        : !c.IsActiveMember ? "Join this community to take part."
        : "You may not post here.";
}
