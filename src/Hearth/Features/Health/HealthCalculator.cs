namespace Hearth.Features.Health;

/// <summary>
/// The rows a community's figures are computed from (see <see cref="HealthQueries.LoadAsync"/>): small, bounded by
/// the last 12 weeks of activity, never by the community's whole history.
/// </summary>
internal sealed record HealthInputs
{
    /// <summary>Visible posts written in the last 12 weeks (bodies only for the window's, for the style mix).</summary>
    public IReadOnlyList<PostRow> Posts { get; init; } = [];
    /// <summary>Topics started in the window whose opening post is Visible.</summary>
    public IReadOnlyList<TopicRow> Topics { get; init; } = [];
    /// <summary>Activity events of the window that count as activity.</summary>
    public IReadOnlyList<EventRow> Events { get; init; } = [];
    /// <summary>Active memberships that began in the window.</summary>
    public IReadOnlyList<NewMemberRow> NewMembers { get; init; } = [];
    public IReadOnlySet<long> Staff { get; init; } = new HashSet<long>();
    /// <summary>Hosts on each author's profile links (for self-promotion).</summary>
    public IReadOnlyDictionary<long, HashSet<string>> ProfileHosts { get; init; } = new Dictionary<long, HashSet<string>>();
}

internal sealed record PostRow
{
    public long TopicId { get; init; }
    public int PostNumber { get; init; }
    public long AuthorId { get; init; }
    public DateTime CreatedAt { get; init; }
    public string SpaceKind { get; init; } = "";
    public long TopicAuthorId { get; init; }
    public DateTime TopicCreatedAt { get; init; }
    public long? ReplyToAuthorId { get; init; }
    public string? Body { get; init; }
}

internal sealed record TopicRow
{
    public long Id { get; init; }
    public long AuthorId { get; init; }
    public DateTime CreatedAt { get; init; }
    public string SpaceKind { get; init; } = "";
    public DateTime? FirstReplyAt { get; init; }
    public long Answers { get; init; }
    public DateTime? AcceptedAt { get; init; }
    /// <summary>Author of the accepted answer, when it is Visible.</summary>
    public long? AcceptedAuthorId { get; init; }
    public long? FirstAnswerAuthorId { get; init; }
    /// <summary>Whose answer the question is credited to: the accepted one, else the first.</summary>
    public long? CreditedAuthorId => AcceptedAuthorId ?? FirstAnswerAuthorId;
    public DateTime? FirstStatusAt { get; init; }
}

internal sealed record EventRow
{
    public long UserId { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed record NewMemberRow
{
    public long UserId { get; init; }
    public DateTime JoinedAt { get; init; }
    public DateTime? FirstPostAt { get; init; }
}

/// <summary>Pure: the figures of <see cref="HealthFigures"/> from the rows, as of <c>now</c>.</summary>
internal static class HealthCalculator
{
    public static HealthFigures Compute(string community, DateTime now, HealthInputs input)
    {
        var windowStart = now.AddDays(-HealthWindow.Days);
        var inWindow = input.Posts.Where(p => p.CreatedAt >= windowStart).ToList();
        var responsiveness = Responsiveness(input);
        var ideas = Ideas(input);
        var mix = StyleMix(input, inWindow, windowStart);
        return new HealthFigures
        {
            Community = community,
            ComputedAt = now,
            WindowStart = windowStart,
            ActiveMembers = Active(input, now),
            NewMembers = New(input),
            Weekly = Weekly(input, now),
            Responsiveness = responsiveness,
            Reciprocity = Reciprocity(inWindow),
            Concentration = Concentration(inWindow),
            Ideas = ideas,
            StyleMix = mix with { Readings = StyleReadings.For(mix, responsiveness, ideas) },
        };
    }

    private static ActiveMembers Active(HealthInputs input, DateTime now)
    {
        var moments = input.Posts.Select(p => (User: p.AuthorId, At: p.CreatedAt))
            .Concat(input.Events.Select(e => (User: e.UserId, At: e.CreatedAt)))
            .Where(m => m.At <= now).ToList();
        int Within(double days) => moments.Where(m => m.At >= now.AddDays(-days)).Select(m => m.User).Distinct().Count();
        var daily = Enumerable.Range(0, HealthWindow.DailyPoints).Reverse().Select(i =>
        {
            var start = now.AddDays(-(i + 1));
            var end = now.AddDays(-i);
            return new DayCount(start, moments.Where(m => m.At >= start && m.At < end).Select(m => m.User).Distinct().Count());
        }).ToList();
        return new ActiveMembers { Day = Within(1), Week = Within(7), Month = Within(30), Daily = daily };
    }

    private static NewMembers New(HealthInputs input)
    {
        var posted = input.NewMembers.Count(m => m.FirstPostAt is { } at && at < m.JoinedAt.AddDays(HealthWindow.NewMemberDays));
        return new NewMembers { Joined = input.NewMembers.Count, PostedWithin30Days = posted, SharePosted = Share(posted, input.NewMembers.Count) };
    }

    private static List<WeekActivity> Weekly(HealthInputs input, DateTime now) =>
        [.. Enumerable.Range(0, HealthWindow.Weeks).Reverse().Select(k =>
        {
            var start = now.AddDays(-7 * (k + 1));
            var end = now.AddDays(-7 * k);
            var week = input.Posts.Where(p => p.CreatedAt >= start && p.CreatedAt < end).ToList();
            return new WeekActivity(start,
                Topics: week.Count(p => p.PostNumber == 1),
                Replies: week.Count(p => p.PostNumber > 1 && p.SpaceKind != SpaceKinds.Questions),
                Answers: week.Count(p => p.PostNumber > 1 && p.SpaceKind == SpaceKinds.Questions));
        })];

    private static Responsiveness Responsiveness(HealthInputs input)
    {
        var replied = input.Topics.Where(t => t.FirstReplyAt is not null).ToList();
        var questions = input.Topics.Where(t => t.SpaceKind == SpaceKinds.Questions).ToList();
        var answered = questions.Where(q => q.Answers > 0).ToList();
        var solved = questions.Where(q => q.AcceptedAuthorId is not null && q.AcceptedAt is not null).ToList();
        var byMembers = answered.Count(q => q.CreditedAuthorId is { } a && !input.Staff.Contains(a));
        return new Responsiveness
        {
            TopicsWithReply = replied.Count,
            MedianSecondsToFirstReply = Median(replied.Select(t => (t.FirstReplyAt!.Value - t.CreatedAt).TotalSeconds)),
            Questions = questions.Count,
            Answered = answered.Count,
            Solved = solved.Count,
            MedianSecondsToSolved = Median(solved.Select(q => (q.AcceptedAt!.Value - q.CreatedAt).TotalSeconds)),
            AnsweredByMembers = byMembers,
            ShareAnsweredByMembers = Share(byMembers, answered.Count),
        };
    }

    private static Reciprocity Reciprocity(List<PostRow> inWindow)
    {
        var givers = new HashSet<long>();
        var receivers = new HashSet<long>();
        foreach (var reply in inWindow.Where(p => p.PostNumber > 1))
        {
            var to = reply.ReplyToAuthorId ?? reply.TopicAuthorId;
            if (to == reply.AuthorId) continue;
            givers.Add(reply.AuthorId);
            receivers.Add(to);
        }
        var participants = givers.Union(receivers).Count();
        var both = givers.Intersect(receivers).Count();
        return new Reciprocity { Participants = participants, Both = both, Share = Share(both, participants) };
    }

    private static Concentration Concentration(List<PostRow> inWindow)
    {
        var perAuthor = inWindow.GroupBy(p => p.AuthorId).Select(g => g.Count()).OrderDescending().ToList();
        var top = perAuthor.Count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(perAuthor.Count * 0.1));
        var topContributions = perAuthor.Take(top).Sum();
        return new Concentration
        {
            Contributors = perAuthor.Count,
            Contributions = inWindow.Count,
            TopContributors = top,
            TopContributions = topContributions,
            Share = Share(topContributions, inWindow.Count),
        };
    }

    private static IdeaFeedback Ideas(HealthInputs input)
    {
        var ideas = input.Topics.Where(t => t.SpaceKind == SpaceKinds.Ideas).ToList();
        var heard = ideas.Where(i => i.FirstStatusAt is not null).ToList();
        return new IdeaFeedback
        {
            Ideas = ideas.Count,
            WithStatusChange = heard.Count,
            WithoutStatus = ideas.Count - heard.Count,
            MedianSecondsToFirstStatus = Median(heard.Select(i => (i.FirstStatusAt!.Value - i.CreatedAt).TotalSeconds)),
        };
    }

    private static StyleMix StyleMix(HealthInputs input, List<PostRow> inWindow, DateTime windowStart)
    {
        int broadcast = 0, promotion = 0, support = 0, innovation = 0, conversation = 0;
        foreach (var post in inWindow)
        {
            if (IsPromotion(post, input.ProfileHosts)) promotion++;
            else if (post.SpaceKind == SpaceKinds.Announcements) broadcast++;
            else if (post.SpaceKind == SpaceKinds.Questions) support++;
            else if (post.SpaceKind == SpaceKinds.Ideas) innovation++;
            else conversation++;
        }
        var announcements = inWindow.Where(p => p.SpaceKind == SpaceKinds.Announcements && p.TopicCreatedAt >= windowStart).ToList();
        var count = announcements.Count(p => p.PostNumber == 1);
        var replies = announcements.Count(p => p.PostNumber > 1);
        StyleShare Of(int n) => new() { Posts = n, Share = Share(n, inWindow.Count) };
        return new StyleMix
        {
            Posts = inWindow.Count,
            Broadcast = Of(broadcast),
            Promotion = Of(promotion),
            Support = Of(support),
            Innovation = Of(innovation),
            Conversation = Of(conversation),
            Announcements = count,
            AnnouncementReplies = replies,
            RepliesPerAnnouncement = count == 0 ? null : (double)replies / count,
        };
    }

    /// <summary>Mostly links, or a link to a site on the author's own profile.</summary>
    private static bool IsPromotion(PostRow post, IReadOnlyDictionary<long, HashSet<string>> profileHosts) =>
        LinkShare.IsMostlyLinks(post.Body)
        || (profileHosts.TryGetValue(post.AuthorId, out var own) && LinkShare.Hosts(post.Body).Any(own.Contains));

    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>The space kinds the figures tell apart (spaces.kind).</summary>
internal static class SpaceKinds
{
    public const string Questions = "Questions";
    public const string Ideas = "Ideas";
    public const string Announcements = "Announcements";
}
