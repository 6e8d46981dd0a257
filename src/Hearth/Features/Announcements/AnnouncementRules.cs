using Hearth.Features.Communities;
using Hearth.Features.Discussions;

namespace Hearth.Features.Announcements;

/// <summary>
/// The rules of broadcast spaces. Announcements spaces let only moderators and stewards start topics (AddSpace sets
/// who_can_start = Moderators for them); any space may turn replies off; moderators pin topics in any space; and an
/// announcement counts the members who have seen it.
/// </summary>
public static class AnnouncementRules
{
    public const string NoReplies = "Replies are turned off in this space.";

    /// <summary>Pinning is moderation: moderators and stewards of an active community, in any kind of space.</summary>
    public static bool MayPin(CommunityAccess c) => c.IsModerator && c.Status == "Active";

    /// <summary>Space settings are the stewards', as adding spaces is.</summary>
    public static bool MayEditSpace(CommunityAccess c) => TopicPermissions.MayAddSpace(c);

    /// <summary>
    /// Whether this viewer opening this topic is a first sighting to record: an announcement, opened by an active member
    /// who is not its author (authors have seen what they wrote) and has not opened it before.
    /// </summary>
    public static bool IsFirstSighting(TopicView topic, long? viewer) =>
        viewer is { } id && topic.SeenCount is not null && topic.Access.IsActiveMember && id != topic.AuthorId && !topic.ViewerSeen;

    /// <summary>"Seen by 12 of 40 members", never claiming more readers than the audience.</summary>
    public static string SeenBy(TopicView topic)
    {
        var seen = topic.SeenCount ?? 0;
        var of = Math.Max(topic.Audience, seen);
        return $"Seen by {seen} of {of} {(of == 1 ? "member" : "members")}";
    }
}
