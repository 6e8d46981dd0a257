using System.Globalization;

namespace Hearth.Features.Health;

/// <summary>
/// Turns the figures into plain-language readings. Each reading fires on a threshold kept here, and its sentence is
/// built from the figures that fired it, so it reads differently as the community changes.
/// </summary>
public static class StyleReadings
{
    /// <summary>Broadcast is "most activity" from this share up, when announcements also draw little response.</summary>
    public const double BroadcastHeavy = 0.4;
    /// <summary>Fewer replies than this per announcement is little response.</summary>
    public const double LowResponse = 1.0;
    /// <summary>Promotion worth a word from this share of posts up.</summary>
    public const double PromotionHeavy = 0.2;
    /// <summary>Fewer solved questions than this share is a help desk that does not close.</summary>
    public const double FewSolved = 0.5;
    /// <summary>Members (not stewards or moderators) should give at least this share of the credited answers.</summary>
    public const double MembersAnswer = 0.5;
    /// <summary>No style above this share is a balanced community.</summary>
    public const double Balanced = 0.5;
    /// <summary>Support (or conversation) is the community's strength from this share up.</summary>
    public const double Strong = 0.4;

    public static IReadOnlyList<Reading> For(StyleMix mix, Responsiveness answers, IdeaFeedback ideas)
    {
        var readings = new List<Reading>();
        if (mix.Posts == 0)
        {
            readings.Add(new("quiet", $"Nothing was posted in the last {HealthWindow.Days} days. Start a topic that asks members about their own experience."));
            return readings;
        }
        var perAnnouncement = mix.RepliesPerAnnouncement ?? 0;
        var broadcast = mix.Broadcast.Share ?? 0;
        if (mix.Announcements > 0 && perAnnouncement < LowResponse)
        {
            var drew = $"{Count(mix.Announcements, "announcement")} drew {perAnnouncement.ToString("0.0", CultureInfo.InvariantCulture)} replies each";
            readings.Add(broadcast >= BroadcastHeavy
                ? new("broadcast-heavy", $"Most activity is broadcast: {drew}. Ask a question in each announcement and answer those who reply.")
                : new("announcements-unanswered", $"Announcements get little response: {drew}. End each with a question for members."));
        }
        if ((mix.Promotion.Share ?? 0) >= PromotionHeavy)
            readings.Add(new("promotion-heavy", $"{mix.Promotion.Posts} of {mix.Posts} posts are mostly links or self-promotion. Ask members to say in their own words why a link matters, or add a rule about it."));
        if (answers.Questions > 0 && (double)answers.Solved / answers.Questions < FewSolved)
            readings.Add(new("questions-unsolved", $"Only {answers.Solved} of {Count(answers.Questions, "question")} got an accepted answer. Remind askers to accept the answer that helped them."));
        if (answers.Answered > 0 && (answers.ShareAnsweredByMembers ?? 0) < MembersAnswer)
            readings.Add(new("stewards-answer", $"Stewards and moderators gave {answers.Answered - answers.AnsweredByMembers} of {answers.Answered} credited answers. Leave questions open a little longer, or invite experienced members to answer first."));
        if (ideas.WithoutStatus > 0)
            readings.Add(new("ideas-without-status", $"{ideas.WithoutStatus} of {Count(ideas.Ideas, "idea")} never got a status. Tell contributors what became of them."));
        else if (ideas.Ideas > 0)
            readings.Add(new("ideas-answered", $"Every one of {Count(ideas.Ideas, "idea")} got a status: contributors know they were heard."));
        if ((mix.Support.Share ?? 0) >= Strong && !readings.Any(r => r.Code is "questions-unsolved" or "stewards-answer"))
            readings.Add(new("support-strong", $"Support carries the community: {Percent(mix.Support.Share)} of posts are questions and answers, and most get solved by members."));
        if ((mix.Conversation.Share ?? 0) > Balanced && mix.Support.Posts == 0 && mix.Innovation.Posts == 0)
            readings.Add(new("conversation-only", $"All the activity is open discussion ({Percent(mix.Conversation.Share)} of posts), with no questions or ideas. A Q&A space lets members accept the answer that helped, so others find it later; an Ideas space tells contributors what became of their suggestions."));
        var top = new[] { mix.Broadcast, mix.Promotion, mix.Support, mix.Innovation, mix.Conversation }.Max(s => s.Share ?? 0);
        if (top <= Balanced)
            readings.Add(new("balanced", $"Activity is spread across styles: none has more than half of the posts (the largest has {Percent(top)})."));
        return readings;
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    internal static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";
}
