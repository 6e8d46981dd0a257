namespace Hearth.Features.Discussions;

/// <summary>
/// The states of a post (posts.state). Only Visible posts show their body to everyone; the others keep their place in
/// the topic as a placeholder, and moderators still see their text. Deleted is the author's (who may restore it);
/// Hidden, Pending and Removed are moderation's.
/// </summary>
public static class PostStates
{
    public const string Visible = "Visible";
    /// <summary>Deleted by its author, who may restore it; the source is kept.</summary>
    public const string Deleted = "Deleted";
    /// <summary>Hidden by a moderator, or by enough flags, until reviewed.</summary>
    public const string Hidden = "Hidden";
    /// <summary>Held for a moderator's approval (a new member's first posts, watched words, link spam).</summary>
    public const string Pending = "Pending";
    /// <summary>Removed by a moderator, or a held post that was rejected.</summary>
    public const string Removed = "Removed";

    /// <summary>What readers see in place of a post that is not Visible.</summary>
    public static string Placeholder(string state) => state switch
    {
        Deleted => "This post was deleted by its author.",
        Hidden => "This post was hidden by a moderator.",
        Pending => "This post is waiting for a moderator's approval.",
        Removed => "This post was removed by a moderator.",
        _ => "This post is not shown.",
    };
}
