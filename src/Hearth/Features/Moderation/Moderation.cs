namespace Hearth.Features.Moderation;

/// <summary>Why a member flags something; BreaksRules may quote the rule.</summary>
public enum FlagReason { OffTopic, Inappropriate, Spam, BreaksRules, Other }

public enum FlagTarget { Post, Topic, User }

public enum FlagState { Open, Upheld, Dismissed }

/// <summary>What a moderator (or an admin, at site level) did. Each one is a row of moderation_actions and of the audit log.</summary>
public enum ActionKind { HidePost, RestorePost, RemovePost, AutoHidePost, ApprovePost, RejectPost, Warn, Suspend, Ban, Lift, SlowMode }

/// <summary>What a watched word does to a post that contains it.</summary>
public enum WatchedWordAction { Block, Hold, Replace }

/// <summary>Field limits shared by the API, the pages and the validation.</summary>
public static class ModerationLimits
{
    public const int Note = 2_000;
    public const int Reason = 1_000;
    public const int RuleQuote = 1_000;
    public const int Message = 4_000;
    public const int Word = 100;
    public const int MaxSuspensionDays = 3_650;
    public const int MaxSlowModeSeconds = 86_400;
    public const int MaxFlagsToHide = 100;
}

/// <summary>
/// Site-wide knobs from <c>Hearth:Moderation</c>: the new-member limits and the trust thresholds. Defaults follow
/// Discourse's spirit (new accounts are limited until they have taken part a little), scaled to a small site.
/// </summary>
public sealed class ModerationOptions
{
    /// <summary>Trust 0: at most this many links, and this many images, in one post.</summary>
    public int NewMemberMaxLinks { get; set; } = 2;
    public int NewMemberMaxImages { get; set; } = 2;
    /// <summary>Trust 0: at most this many posts in <see cref="NewMemberRateWindowSeconds"/>.</summary>
    public int NewMemberPostsPerWindow { get; set; } = 5;
    public int NewMemberRateWindowSeconds { get; set; } = 600;
    /// <summary>How many people one post may mention: for trust 0, and for everyone else.</summary>
    public int NewMemberMaxMentions { get; set; } = 2;
    public int MaxMentions { get; set; } = 10;
    /// <summary>Link spam: whether a new account's first post that carries links waits for a moderator.</summary>
    public bool HoldNewAccountLinks { get; set; } = true;
    /// <summary>Where a community holds new members' first posts: how many of their posts are held.</summary>
    public int HeldFirstPosts { get; set; } = 1;

    /// <summary>Trust 1 (basic): replies written and days on which the member was active.</summary>
    public int Trust1Replies { get; set; } = 3;
    public int Trust1Days { get; set; } = 1;
    /// <summary>Trust 2 (member).</summary>
    public int Trust2Replies { get; set; } = 15;
    public int Trust2Days { get; set; } = 5;
    public int Trust2PostsRead { get; set; } = 50;
    /// <summary>Trust 3 (regular): also flags that moderators upheld.</summary>
    public int Trust3Replies { get; set; } = 50;
    public int Trust3Days { get; set; } = 20;
    public int Trust3PostsRead { get; set; } = 300;
    public int Trust3FlagsUpheld { get; set; } = 1;
}
