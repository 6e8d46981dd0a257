using System.Diagnostics;
using System.Net;
using System.Text;

namespace Hearth.Bench;

/// <summary>What the load script needs to know about a generated site.</summary>
internal sealed record SiteInfo
{
    public required string Engine { get; init; }
    public required long Posts { get; init; }
    public required long Topics { get; init; }
    public required long Users { get; init; }
    public required int Communities { get; init; }
    public required string Community { get; init; }
    public required long LongTopic { get; init; }
    public required string LongTopicUrl { get; init; }
    public required int LongTopicPosts { get; init; }
    public required long ShortTopic { get; init; }
    public required string ShortTopicUrl { get; init; }
    public required int ShortTopicPosts { get; init; }
    public required string[] JoinCommunities { get; init; }
    public required long[] ReplyTopics { get; init; }
    public required string[] CommonQueries { get; init; }
    public required string[] RareQueries { get; init; }
    public required string[] TwoWordQueries { get; init; }
    public required double Seconds { get; init; }
}

/// <summary>
/// Builds a realistic site of a given number of posts: communities of both kinds and all visibilities with sizes
/// falling off like a power law, members who join a few communities each, spaces of every kind, topics whose reply
/// counts are log-normal (most short, a long tail) plus three very long ones (1.2%, 1% and 1% of all posts), tags,
/// accepted answers, view counts (reads), and post times spread over two years with ids in time order, as on a real
/// site. Every counter the application keeps (post, reply, topic and member counts, last activity) is consistent.
/// </summary>
internal sealed class SiteGenerator(ISink sink, string engine, long posts, int seed)
{
    private static readonly string[] SpaceKinds = ["Discussion", "Questions", "Ideas", "Announcements"];
    private static readonly string[] TagWords = ["beginner", "howto", "meta", "news", "help", "showcase", "guide", "bug", "release", "tools",
        "hardware", "software", "recipe", "travel", "review", "event", "question", "tips", "design", "history"];
    private static readonly string[] First = ["Ada", "Grace", "Alan", "Barbara", "Ken", "Radia", "Linus", "Margaret", "Edsger", "Frances",
        "Donald", "Hedy", "John", "Katherine", "Niklaus", "Sophie", "Tim", "Vint", "Whitfield", "Yukihiro"];
    private static readonly string[] Last = ["Lovelace", "Hopper", "Kay", "Liskov", "Thompson", "Perlman", "Pauling", "Hamilton", "Dijkstra",
        "Allen", "Knuth", "Lamarr", "Backus", "Johnson", "Wirth", "Wilson", "Berners-Lee", "Cerf", "Diffie", "Matsumoto"];

    private readonly Random _random = new(seed);
    private readonly Vocabulary _words = new(tail: 8000, seed: seed);
    private readonly DateTime _now = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), DateTimeKind.Utc);

    private sealed class Community
    {
        public int Id;
        public string Slug = "";
        public string Name = "";
        public string Kind = "";
        public string Visibility = "";
        public string JoinPolicy = "";
        public int Steward;
        public DateTime CreatedAt;
        public double Weight;
        public int[] Members = [];
        public List<(int Id, string Slug, string Kind, double Share)> Spaces = [];
        public int TopicCount;
        public DateTime LastActivity;
    }

    public async Task<SiteInfo> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var userCount = (int)Math.Max(200, posts / 40);
        var communityCount = (int)Math.Max(4, posts / 25_000);
        var start = _now.AddDays(-730);

        // ---- communities, spaces ----
        var communities = new List<Community>();
        var spaceId = 0;
        for (var i = 0; i < communityCount; i++)
        {
            var kind = i % 2 == 0 ? "Interest" : "Practice";
            var visibility = (i % 10) switch { 7 or 8 => "Restricted", 9 => "Private", _ => "Public" };
            var c = new Community
            {
                Id = i + 1,
                Slug = $"{_words[100 + i % 150]}-{i + 1}",
                Name = $"{Capital(_words[100 + i % 150])} {(kind == "Interest" ? "Circle" : "Practitioners")} {i + 1}",
                Kind = kind,
                Visibility = visibility,
                JoinPolicy = visibility == "Private" ? "Invitation" : i % 5 == 4 ? "Approval" : "Open",
                CreatedAt = start.AddDays(-30 + i * 0.5),
                Weight = 1.0 / Math.Pow(i + 1, 0.8),
            };
            var spaces = kind == "Interest" ? SpaceKinds.Append("Events") : SpaceKinds.Append("Articles");
            var shares = new[] { 0.5, 0.3, 0.1, 0.03, 0.07 };
            var position = 0;
            foreach (var spaceKind in spaces)
            {
                var slug = spaceKind == "Discussion" ? "general" : spaceKind.ToLowerInvariant();
                c.Spaces.Add((++spaceId, slug, spaceKind, shares[position]));
                position++;
            }
            communities.Add(c);
        }

        // ---- users and memberships: each person joins one to four communities, the big ones more often ----
        var weights = communities.Select(c => c.Weight).ToArray();
        var members = communities.Select(_ => new List<int>()).ToArray();
        var membershipRows = new List<object?[]>();
        for (var u = 1; u <= userCount; u++)
        {
            var joins = 1 + (int)(4 * Math.Pow(_random.NextDouble(), 2));
            var chosen = new HashSet<int>();
            for (var j = 0; j < joins; j++) chosen.Add(Pick(weights));
            foreach (var index in chosen) members[index].Add(u);
        }
        for (var i = 0; i < communities.Count; i++)
        {
            var c = communities[i];
            if (members[i].Count == 0) members[i].Add(1 + i % userCount);
            c.Members = [.. members[i]];
            c.Steward = c.Members[0];
            for (var m = 0; m < c.Members.Length; m++)
            {
                var joined = c.CreatedAt.AddDays(_random.NextDouble() * 700);
                var role = m == 0 ? "Steward" : m <= 2 ? "Moderator" : "Member";
                // A few people have left: their row stays, without access.
                var state = m > 2 && _random.Next(33) == 0 ? "Left" : "Active";
                membershipRows.Add([(long)membershipRows.Count + 1, (long)c.Id, (long)c.Members[m], role, state, 1, joined, null, joined, joined, null]);
            }
        }

        // ---- topics: how many posts each, in which space, by whom, when ----
        var topicCommunity = new List<int>();
        var topicSpace = new List<int>();
        var topicSpaceKind = new List<string>();
        var topicStart = new List<long>();
        var topicPosts = new List<int>();
        var budget = posts;
        long[] mega = [(long)(posts * 0.012), posts / 100, posts / 100];
        foreach (var size in mega)
        {
            AddTopic(0, 0, start.AddDays(30 + 60 * topicPosts.Count).Ticks, (int)Math.Max(size, 2));
            budget -= Math.Max(size, 2);
        }
        while (budget > 0)
        {
            var ci = Pick(weights);
            var c = communities[ci];
            var si = PickSpace(c);
            // Log-normal: median 4 posts, mean about 12, a long tail capped at 3,000.
            var size = (int)Math.Clamp(Math.Exp(Math.Log(4) + 1.5 * Gaussian()), 1, 3000);
            size = (int)Math.Min(size, budget);
            AddTopic(ci, si, start.Ticks + (long)(_random.NextDouble() * (_now - start).Ticks * 0.995), size);
            budget -= size;
        }

        void AddTopic(int ci, int si, long at, int size)
        {
            topicCommunity.Add(ci);
            topicSpace.Add(communities[ci].Spaces[si].Id);
            topicSpaceKind.Add(communities[ci].Spaces[si].Kind);
            topicStart.Add(at);
            topicPosts.Add(size);
        }

        // Topic ids in the order they were started.
        var topicCount = topicPosts.Count;
        var order = Enumerable.Range(0, topicCount).OrderBy(t => topicStart[t]).ToArray();

        // ---- every post's time; then ids in time order across the whole site ----
        var postTicks = new long[posts];
        var postTopic = new int[posts];
        var n = 0;
        for (var rank = 0; rank < topicCount; rank++)
        {
            var t = order[rank];
            var t0 = topicStart[t];
            var span = _now.Ticks - t0;
            postTicks[n] = t0;
            postTopic[n++] = rank;
            for (var r = 1; r < topicPosts[t]; r++)
            {
                // Replies come soon after the topic starts, then taper off (the cube skews them early).
                postTicks[n] = t0 + TimeSpan.TicksPerSecond + (long)(Math.Pow(_random.NextDouble(), 3) * (span - TimeSpan.TicksPerSecond));
                postTopic[n++] = rank;
            }
        }
        // Replies are at least a second after their topic's first post, so after this sort each topic's posts are in order.
        Array.Sort(postTicks, postTopic);

        var postNumber = new int[topicCount];
        var lastPost = new long[topicCount];
        var secondPost = new long[topicCount];
        var lastPoster = new int[topicCount];
        var lastAt = new long[topicCount];
        var firstAuthor = new int[topicCount];
        var postAuthor = new int[posts];
        for (long p = 0; p < posts; p++)
        {
            var rank = postTopic[p];
            var c = communities[topicCommunity[order[rank]]];
            var author = postNumber[rank] == 0 && topicSpaceKind[order[rank]] == "Announcements" ? c.Steward : Member(c);
            postAuthor[p] = author;
            postNumber[rank]++;
            if (postNumber[rank] == 1) firstAuthor[rank] = author;
            if (postNumber[rank] == 2) secondPost[rank] = p + 1;
            lastPost[rank] = p + 1;
            lastPoster[rank] = author;
            lastAt[rank] = postTicks[p];
        }

        // ---- users ----
        await sink.WriteAsync("users", [("id", Col.Long), ("user_name", Col.Text), ("normalized_user_name", Col.Text), ("email", Col.Text),
            ("normalized_email", Col.Text), ("email_confirmed", Col.Bool), ("password_hash", Col.TextNull), ("security_stamp", Col.Text),
            ("concurrency_stamp", Col.Text), ("lockout_enabled", Col.Bool), ("access_failed_count", Col.Int), ("is_admin", Col.Bool),
            ("display_name", Col.Text), ("bio", Col.Text), ("created_at", Col.Time)], Users(userCount, start));
        Console.WriteLine($"  users: {userCount:N0} ({clock.Elapsed.TotalSeconds:F0} s)");

        // ---- communities and their charters ----
        foreach (var c in communities)
        {
            c.TopicCount = 0;
            c.LastActivity = c.CreatedAt;
        }
        var spaceTopics = new Dictionary<int, int>();
        for (var rank = 0; rank < topicCount; rank++)
        {
            var c = communities[topicCommunity[order[rank]]];
            c.TopicCount++;
            if (lastAt[rank] > c.LastActivity.Ticks) c.LastActivity = new DateTime(lastAt[rank], DateTimeKind.Utc);
            spaceTopics[topicSpace[order[rank]]] = spaceTopics.GetValueOrDefault(topicSpace[order[rank]]) + 1;
        }
        const string Values = "Curiosity over perfection. Credit the people who taught you.";
        const string Rules = "1. Be kind.\n2. Stay on topic.\n3. No selling.";
        await sink.WriteAsync("communities", [("id", Col.Long), ("slug", Col.Text), ("name", Col.Text), ("normalized_name", Col.Text), ("kind", Col.Text),
            ("domain", Col.TextNull), ("purpose", Col.Text), ("purpose_html", Col.Text), ("values_statement", Col.Text), ("values_html", Col.Text),
            ("rules", Col.Text), ("rules_html", Col.Text), ("rules_version", Col.Int), ("visibility", Col.Text), ("join_policy", Col.Text),
            ("status", Col.Text), ("member_count", Col.Int), ("topic_count", Col.Int), ("created_by", Col.Long), ("created_at", Col.Time),
            ("updated_at", Col.Time), ("last_activity_at", Col.Time)],
            communities.Select(c =>
            {
                var purpose = $"People who care about {_words[100 + c.Id % 150]} sharing what they know.";
                var active = membershipRows.Count(r => (long)r[1]! == c.Id && (string)r[4]! == "Active");
                return new object?[] { (long)c.Id, c.Slug, c.Name, c.Name.ToLowerInvariant(), c.Kind, c.Kind == "Practice" ? "Practice of " + _words[100 + c.Id % 150] : null,
                    purpose, Html(purpose), Values, Html(Values), Rules, "<ol>\n<li>Be kind.</li>\n<li>Stay on topic.</li>\n<li>No selling.</li>\n</ol>\n", 1,
                    c.Visibility, c.JoinPolicy, "Active", active, c.TopicCount, (long)c.Steward, c.CreatedAt, c.CreatedAt, c.LastActivity };
            }));
        await sink.WriteAsync("community_versions", [("id", Col.Long), ("community_id", Col.Long), ("version", Col.Int), ("purpose", Col.Text),
            ("purpose_html", Col.Text), ("values_statement", Col.Text), ("values_html", Col.Text), ("rules", Col.Text), ("rules_html", Col.Text),
            ("edited_by", Col.Long), ("created_at", Col.Time)],
            communities.Select(c =>
            {
                var purpose = $"People who care about {_words[100 + c.Id % 150]} sharing what they know.";
                return new object?[] { (long)c.Id, (long)c.Id, 1, purpose, Html(purpose), Values, Html(Values), Rules,
                    "<ol>\n<li>Be kind.</li>\n<li>Stay on topic.</li>\n<li>No selling.</li>\n</ol>\n", (long)c.Steward, c.CreatedAt };
            }));
        await sink.WriteAsync("memberships", [("id", Col.Long), ("community_id", Col.Long), ("user_id", Col.Long), ("role", Col.Text), ("state", Col.Text),
            ("rules_version_accepted", Col.Int), ("rules_accepted_at", Col.TimeNull), ("requested_at", Col.TimeNull), ("joined_at", Col.TimeNull),
            ("updated_at", Col.Time), ("decided_by", Col.LongNull)], membershipRows);
        await sink.WriteAsync("spaces", [("id", Col.Long), ("community_id", Col.Long), ("slug", Col.Text), ("name", Col.Text), ("kind", Col.Text),
            ("description", Col.Text), ("who_can_start", Col.Text), ("position", Col.Int), ("topic_count", Col.Int), ("created_at", Col.Time)],
            communities.SelectMany(c => c.Spaces.Select((s, i) => new object?[] { (long)s.Id, (long)c.Id, s.Slug, s.Kind == "Discussion" ? "General" : s.Kind,
                s.Kind, $"The {s.Kind.ToLowerInvariant()} of {c.Name}.", s.Kind == "Announcements" ? "Moderators" : "Members", i,
                spaceTopics.GetValueOrDefault(s.Id), c.CreatedAt })));
        Console.WriteLine($"  communities: {communities.Count}, memberships: {membershipRows.Count:N0} ({clock.Elapsed.TotalSeconds:F0} s)");

        // ---- topics and tags ----
        var titles = new string[topicCount];
        var text = new StringBuilder();
        var titleRandom = new Random(seed + 1);
        for (var rank = 0; rank < topicCount; rank++) titles[rank] = _words.Title(titleRandom, text);
        await sink.WriteAsync("topics", [("id", Col.Long), ("community_id", Col.Long), ("space_id", Col.Long), ("author_id", Col.Long), ("title", Col.Text),
            ("slug", Col.Text), ("pinned", Col.Bool), ("locked", Col.Bool), ("archived", Col.Bool), ("post_count", Col.Int), ("reply_count", Col.Int),
            ("view_count", Col.Int), ("last_post_user_id", Col.Long), ("created_at", Col.Time), ("last_activity_at", Col.Time)],
            Enumerable.Range(0, topicCount).Select(rank =>
            {
                var t = order[rank];
                var count = topicPosts[t];
                return new object?[] { (long)rank + 1, (long)communities[topicCommunity[t]].Id, (long)topicSpace[t], (long)firstAuthor[rank], titles[rank],
                    Slug(titles[rank]), false, false, false, count, count - 1, count * (3 + _random.Next(18)), (long)lastPoster[rank],
                    new DateTime(topicStart[t], DateTimeKind.Utc), new DateTime(lastAt[rank], DateTimeKind.Utc) };
            }));
        await sink.WriteAsync("topic_tags", [("topic_id", Col.Long), ("community_id", Col.Long), ("tag", Col.Text)],
            Enumerable.Range(0, topicCount).Where(_ => _random.Next(10) < 3).SelectMany(rank =>
            {
                var t = order[rank];
                return Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => TagWords[_random.Next(TagWords.Length)]).Distinct()
                    .Select(tag => new object?[] { (long)rank + 1, (long)communities[topicCommunity[t]].Id, tag });
            }));
        Console.WriteLine($"  topics: {topicCount:N0} ({clock.Elapsed.TotalSeconds:F0} s)");

        // ---- posts, in id (= time) order ----
        var numbers = new int[topicCount];
        var bodyRandom = new Random(seed + 2);
        var reported = 0L;
        await sink.WriteAsync("posts", [("id", Col.Long), ("topic_id", Col.Long), ("post_number", Col.Int), ("author_id", Col.Long), ("body", Col.Text),
            ("body_html", Col.Text), ("reply_to_post_id", Col.LongNull), ("state", Col.Text), ("created_at", Col.Time), ("edited_at", Col.TimeNull)],
            PostRows());
        IEnumerable<object?[]> PostRows()
        {
            var previous = new long[topicCount];
            for (long p = 0; p < posts; p++)
            {
                var rank = postTopic[p];
                var number = ++numbers[rank];
                var body = _words.Body(bodyRandom, text);
                long? replyTo = number > 2 && bodyRandom.Next(6) == 0 ? previous[rank] : null;
                previous[rank] = p + 1;
                // One post in two hundred has been hidden by a moderator; the index must not hold it.
                var state = number > 1 && bodyRandom.Next(200) == 0 ? "Hidden" : "Visible";
                if (p - reported >= 100_000)
                {
                    reported = p;
                    Console.WriteLine($"  posts: {p:N0} ({clock.Elapsed.TotalSeconds:F0} s)");
                }
                yield return [p + 1, (long)rank + 1, number, (long)postAuthor[p], body, Html(body), replyTo, state, new DateTime(postTicks[p], DateTimeKind.Utc), null];
            }
        }
        Console.WriteLine($"  posts: {posts:N0} ({clock.Elapsed.TotalSeconds:F0} s)");

        // Questions answered: the first reply accepted for two in five questions that have one.
        var accepted = Enumerable.Range(0, topicCount).Where(rank => topicSpaceKind[order[rank]] == "Questions" && secondPost[rank] > 0 && _random.Next(5) < 2).ToList();
        await sink.ExecuteAsync("CREATE TEMPORARY TABLE bench_accepted (topic_id bigint PRIMARY KEY, post_id bigint NOT NULL)");
        await sink.WriteAsync("bench_accepted", [("topic_id", Col.Long), ("post_id", Col.Long)], accepted.Select(rank => new object?[] { (long)rank + 1, secondPost[rank] }));
        await sink.ExecuteAsync("UPDATE topics SET accepted_post_id = (SELECT post_id FROM bench_accepted a WHERE a.topic_id = topics.id) WHERE id IN (SELECT topic_id FROM bench_accepted)");
        await sink.ExecuteAsync("DROP TABLE bench_accepted");
        await sink.FinishAsync();
        Console.WriteLine($"  accepted answers: {accepted.Count:N0}; done ({clock.Elapsed.TotalSeconds:F0} s)");

        // ---- what the load script needs ----
        var big = communities[0];
        var megaRank = Array.IndexOf(order, 0);
        var shortRank = Enumerable.Range(0, topicCount).First(rank => topicCommunity[order[rank]] == 0 && topicPosts[order[rank]] is >= 4 and <= 8 && rank > topicCount / 2);
        var open = communities.Where(c => c.Visibility == "Public" && c.JoinPolicy == "Open").ToList();
        var openIds = open.Select(c => c.Id - 1).ToHashSet();
        var replyTopics = Enumerable.Range(0, topicCount).Where(rank => openIds.Contains(topicCommunity[order[rank]]) && topicSpaceKind[order[rank]] != "Announcements")
            .OrderBy(_ => _random.Next()).Take(500).Select(rank => (long)rank + 1).ToArray();
        return new SiteInfo
        {
            Engine = engine,
            Posts = posts,
            Topics = topicCount,
            Users = userCount,
            Communities = communities.Count,
            Community = big.Slug,
            LongTopic = megaRank + 1,
            LongTopicUrl = $"/t/{megaRank + 1}/{Slug(titles[megaRank])}",
            LongTopicPosts = topicPosts[0],
            ShortTopic = shortRank + 1,
            ShortTopicUrl = $"/t/{shortRank + 1}/{Slug(titles[shortRank])}",
            ShortTopicPosts = topicPosts[order[shortRank]],
            JoinCommunities = [.. open.Select(c => c.Slug)],
            ReplyTopics = replyTopics,
            // Search words by how often they occur: a word of rank r appears in about 3.6/r of all posts.
            CommonQueries = [.. Enumerable.Range(0, 12).Select(i => _words[96 + i * 7])],
            RareQueries = [.. Enumerable.Range(0, 12).Select(i => _words[1500 + i * 250])],
            TwoWordQueries = [.. Enumerable.Range(0, 12).Select(i => $"{_words[96 + i * 5]} {_words[300 + i * 40]}")],
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    private IEnumerable<object?[]> Users(int count, DateTime start)
    {
        var random = new Random(seed + 3);
        var text = new StringBuilder();
        for (var u = 1; u <= count; u++)
        {
            var name = $"member{u}";
            var display = $"{First[random.Next(First.Length)]} {Last[random.Next(Last.Length)]}";
            var bio = random.Next(3) == 0 ? _words.Title(random, text) : "";
            yield return [(long)u, name, name.ToUpperInvariant(), $"{name}@bench.hearth.test", $"{name}@bench.hearth.test".ToUpperInvariant(), true, null,
                Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(), true, 0, false, display, bio,
                start.AddMinutes(-random.Next(60 * 24 * 60))];
        }
    }

    private int Member(Community c) => c.Members[(int)(c.Members.Length * Math.Pow(_random.NextDouble(), 2))];

    private int PickSpace(Community c)
    {
        var x = _random.NextDouble();
        for (var i = 0; i < c.Spaces.Count; i++)
        {
            x -= c.Spaces[i].Share;
            if (x <= 0) return i;
        }
        return 0;
    }

    private int Pick(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0) return i;
        }
        return weights.Length - 1;
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>What Markdig makes of a plain paragraph.</summary>
    private static string Html(string text) => "<p>" + WebUtility.HtmlEncode(text) + "</p>\n";

    private static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var ch in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) slug.Append(ch);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-') is { Length: > 0 } s ? s[..Math.Min(s.Length, 80)].Trim('-') : "topic";
    }
}
