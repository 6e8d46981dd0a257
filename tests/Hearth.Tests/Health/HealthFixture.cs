using Hearth.Tests.Announcements;
using Hearth.Tests.Discussions;
using Hearth.Tests.Ideas;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Health;

/// <summary>
/// A community whose every health figure was computed by hand. Built through the API, then backdated by SQL; times
/// are "days ago" before <c>T</c>, the moment of building (the roll-up runs seconds later; every time below is at
/// least an hour away from a day or week boundary, so those seconds move nothing).
///
/// Members: S steward (founder), M moderator, A, B, C, V members — all joined 100 days ago; N1 joined 10 days ago,
/// N2 25 days ago, N3 40 days ago. A's profile links to https://a-shop.example.
/// Spaces: general (Discussion), help (Questions), ideas (Ideas), news (Announcements).
///
/// Visible posts (d = days ago; "+h" = hours after the topic started):
///   general  D1 A 2.5d  — replies B +1h, C +3h (to B's post)
///            D2 B 5.5d  — replies N1 +2h, A +4h
///            D3 C 20.5d — replies N2 +1h (DELETED by its author), N3 +5h
///            D4 A 45.5d — reply B +1h            (outside the 30-day window, inside 12 weeks)
///            D5 M 1.5d  "Check https://example.com/a https://example.com/b" (mostly links: promotion)
///            D6 A 3.5d  a story linking to https://a-shop.example/new (A's own site: promotion)
///            D7 C 2.5d  opening post REMOVED by a moderator (the topic counts nowhere)
///   help     Q1 A 6.5d  — answers M +2h, B +5h; B's accepted +10h
///            Q2 C 8.5d  — answer S +4h; none accepted
///            Q3 N1 4.5d — no answer
///            Q4 B 12.5d — answer C +1h, accepted +2h
///   ideas    I1 A 9.5d  — status changes +24h, +48h
///            I2 B 15.5d — status change +72h
///            I3 C 3.5d, I4 A 1.5d — no status;  I0 B 50.5d — outside the window
///   news     A1 S 1.5d  — reply A +1h;  A2 S 11.5d;  A3 S 25.5d
/// Activity events: all replaced by three — S charter_changed 0.2d; V voted 3.5d; N2 replied 0.5d about the deleted
/// post (does not count).
///
/// Hand computation (window = last 30 days):
/// - Active: last 24h {S} = 1; 7 days {S, A, M, B, C, V, N1} = 7; 30 days + N3 = 8. N2 never (deleted post only).
///   Daily buckets (i = days ago, [i+1, i)): 0:S=1; 1:A,M,S=3; 2:A,B,C=3; 3:A,C,V=3; 4:N1=1; 5:A,B,N1=3; 6:A,B,M=3;
///   8:C,S=2; 9:A=1; 11:S=1; 12:B,C=2; 15:B=1; 20:C,N3=2; 25:S=1; every other day 0.
/// - New members: N1 and N2 joined in the window = 2; N1 posted within 30 days (N2's only post is deleted) = 1.
/// - Weekly (k = weeks ago): k0 topics D1 D2 D5 D6 Q1 Q3 I3 I4 A1 = 9, replies D1×2 D2×2 A1×1 = 5, answers Q1×2 = 2;
///   k1 topics Q2 Q4 I1 A2 = 4, answers Q2 Q4 = 2; k2 topics D3 I2 = 2, replies D3(N3) = 1; k3 topics A3 = 1;
///   k6 topics D4 = 1, replies D4 = 1; k7 topics I0 = 1; the rest 0.
/// - First reply by someone else, topics started in the window: D1 1h, D2 2h, D3 5h (N2's 1h is deleted), Q1 2h,
///   Q2 4h, Q4 1h, A1 1h → 7 topics, sorted 1,1,1,2,2,4,5 → median 2h = 7200 s.
/// - Questions 4, answered 3 (Q1 Q2 Q4), solved 2 (Q1 10h, Q4 2h) → median 6h = 21600 s. Credited answers: Q1 B
///   (accepted, though M answered first), Q2 S (first, a steward), Q4 C → 2 of 3 by members.
/// - Reciprocity: replies B→A, C→B, N1→B, A→B, N3→C, M→A, B→A, S→C, C→B, A→S. Givers {B,C,N1,A,N3,M,S}, receivers
///   {A,B,C,S}: 7 participants, 4 both → 4/7.
/// - Concentration: window posts A 7, B 5, C 5, S 4, N1 2, M 2, N3 1 = 26 by 7 contributors; top ⌈0.7⌉ = 1 → 7/26.
/// - Ideas: I1..I4 = 4; with status 2; without 2; first status 24h and 72h → median 48h = 172800 s.
/// - Style mix of the 26: promotion D5 D6 = 2; broadcast A1 + reply, A2, A3 = 4; support Q1..Q4 + 4 answers = 8;
///   innovation I1..I4 = 4; conversation D1 D2 D3 (3 + 5 replies) = 8. Announcements 3, replies 1 → 0.3 each.
///   Readings: announcements-unanswered (broadcast 15% &lt; 40%, 0.3 &lt; 1 reply each); ideas-without-status (2 of 4);
///   balanced (largest share 31% ≤ 50%). Not: promotion (8%), questions-unsolved (2/4 is not &lt; 50%),
///   stewards-answer (67% by members), support-strong (31% &lt; 40%).
/// </summary>
public sealed record HealthFixture(string Slug, Member Steward, Member Moderator, Member A, Member N1, DateTime T)
{
    public static async Task<HealthFixture> BuildAsync(HearthApp app)
    {
        var s = await app.NewMemberAsync("steward");
        var slug = await s.NewQuestionsCommunityAsync();
        await s.AddSpaceAsync(slug, IdeaSteps.Space, "Ideas", "Ideas board");
        await s.AddAnnouncementsAsync(slug, "news", allowReplies: true);
        var m = await app.MemberOfAsync(slug, "mod");
        await QuestionSteps.MakeModeratorAsync(s, slug, m);
        var a = await app.MemberOfAsync(slug, "a");
        var b = await app.MemberOfAsync(slug, "b");
        var c = await app.MemberOfAsync(slug, "c");
        var v = await app.MemberOfAsync(slug, "v");
        var n1 = await app.MemberOfAsync(slug, "n1");
        var n2 = await app.MemberOfAsync(slug, "n2");
        var n3 = await app.MemberOfAsync(slug, "n3");
        await (await a.PatchAsync("/api/v1/me/profile", new { links = new[] { "https://www.a-shop.example" } })).ShouldBe(System.Net.HttpStatusCode.OK);

        // Discussions.
        var d1 = (await a.NewTopicAsync(slug, "Topic D1")).Id();
        var d1b = (await b.ReplyAsync(d1)).Id();
        var d1c = (await c.ReplyAsync(d1, replyTo: d1b)).Id();
        var d2 = (await b.NewTopicAsync(slug, "Topic D2")).Id();
        var d2n1 = (await n1.ReplyAsync(d2)).Id();
        var d2a = (await a.ReplyAsync(d2)).Id();
        var d3 = (await c.NewTopicAsync(slug, "Topic D3")).Id();
        var d3n2 = (await n2.ReplyAsync(d3)).Id();
        var d3n3 = (await n3.ReplyAsync(d3)).Id();
        await n2.DeletePostAsync(d3n2);
        var d4 = (await a.NewTopicAsync(slug, "Topic D4")).Id();
        var d4b = (await b.ReplyAsync(d4)).Id();
        var d5 = (await m.NewTopicAsync(slug, "Topic D5", "Check https://example.com/a https://example.com/b")).Id();
        var d6 = (await a.NewTopicAsync(slug, "Topic D6", "I made a thing this week, and here is the whole story of how it went, see https://a-shop.example/new for the details.")).Id();
        var d7 = (await c.NewTopicAsync(slug, "Topic D7")).Id();
        await app.SetAsync("UPDATE posts SET state = 'Removed' WHERE topic_id = @Id AND post_number = 1", new { Id = d7 });

        // Questions.
        var q1 = (await a.AskAsync(slug, "Topic Q1")).Id();
        var q1m = (await m.ReplyAsync(q1)).Id();
        var q1b = (await b.ReplyAsync(q1)).Id();
        await a.AcceptOkAsync(q1, q1b);
        var q2 = (await c.AskAsync(slug, "Topic Q2")).Id();
        var q2s = (await s.ReplyAsync(q2)).Id();
        var q3 = (await n1.AskAsync(slug, "Topic Q3")).Id();
        var q4 = (await b.AskAsync(slug, "Topic Q4")).Id();
        var q4c = (await c.ReplyAsync(q4)).Id();
        await b.AcceptOkAsync(q4, q4c);

        // Ideas.
        var i1 = (await a.ProposeIdeaAsync(slug, "Topic I1")).Id();
        await m.ChangeStatusOkAsync(i1, "UnderReview");
        await m.ChangeStatusOkAsync(i1, "Planned");
        var i2 = (await b.ProposeIdeaAsync(slug, "Topic I2")).Id();
        await m.ChangeStatusOkAsync(i2, "UnderReview");
        var i3 = (await c.ProposeIdeaAsync(slug, "Topic I3")).Id();
        var i4 = (await a.ProposeIdeaAsync(slug, "Topic I4")).Id();
        var i0 = (await b.ProposeIdeaAsync(slug, "Topic I0")).Id();

        // Announcements.
        var a1 = (await s.NewTopicAsync(slug, "Topic A1", space: "news")).Id();
        var a1a = (await a.ReplyAsync(a1)).Id();
        var a2 = (await s.NewTopicAsync(slug, "Topic A2", space: "news")).Id();
        var a3 = (await s.NewTopicAsync(slug, "Topic A3", space: "news")).Id();

        var t = DateTime.UtcNow;
        DateTime Ago(double days, double hoursAfter = 0) => t.AddDays(-days).AddHours(hoursAfter);
        foreach (var (topic, days) in new[] { (d1, 2.5), (d2, 5.5), (d3, 20.5), (d4, 45.5), (d5, 1.5), (d6, 3.5), (d7, 2.5), (q1, 6.5), (q2, 8.5), (q3, 4.5), (q4, 12.5), (i1, 9.5), (i2, 15.5), (i3, 3.5), (i4, 1.5), (i0, 50.5), (a1, 1.5), (a2, 11.5), (a3, 25.5) })
            await app.StartedAtAsync(topic, Ago(days));
        foreach (var (post, days, hours) in new[] { (d1b, 2.5, 1.0), (d1c, 2.5, 3), (d2n1, 5.5, 2), (d2a, 5.5, 4), (d3n2, 20.5, 1), (d3n3, 20.5, 5), (d4b, 45.5, 1), (q1m, 6.5, 2), (q1b, 6.5, 5), (q2s, 8.5, 4), (q4c, 12.5, 1), (a1a, 1.5, 1) })
            await app.WrittenAtAsync(post, Ago(days, hours));
        await app.SetAsync("UPDATE topics SET accepted_at = @At WHERE id = @Id", new { Id = q1, At = Ago(6.5, 10) });
        await app.SetAsync("UPDATE topics SET accepted_at = @At WHERE id = @Id", new { Id = q4, At = Ago(12.5, 2) });
        await app.StatusChangedAtAsync(i1, Ago(9.5, 24), Ago(9.5, 48));
        await app.StatusChangedAtAsync(i2, Ago(15.5, 72));

        var communityId = await app.CommunityIdAsync(slug);
        await app.SetAsync("UPDATE memberships SET joined_at = @At WHERE community_id = @C", new { C = communityId, At = Ago(100) });
        foreach (var (member, days) in new[] { (n1, 10.0), (n2, 25), (n3, 40) })
            await app.SetAsync("UPDATE memberships SET joined_at = @At WHERE community_id = @C AND user_id = @U", new { C = communityId, U = member.Id, At = Ago(days) });
        await app.SetAsync("DELETE FROM activity_events WHERE community_id = @C", new { C = communityId });
        await app.SetAsync("""
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@C, @S, 'charter_changed', NULL, NULL, @SAt);
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@C, @V, 'voted', @I3, NULL, @VAt);
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@C, @N2, 'replied', @D3, @Deleted, @N2At);
            """, new { C = communityId, S = s.Id, SAt = Ago(0.2), V = v.Id, I3 = i3, VAt = Ago(3.5), N2 = n2.Id, D3 = d3, Deleted = d3n2, N2At = Ago(0.5) });
        return new HealthFixture(slug, s, m, a, n1, t);
    }

    /// <summary>Active members per day, oldest first (index 0 is 29 days ago), as computed above.</summary>
    public static readonly int[] Daily = BuildDaily();

    /// <summary>(topics, replies, answers) per week, oldest first (index 0 is 11 weeks ago).</summary>
    public static readonly (int Topics, int Replies, int Answers)[] Weekly = BuildWeekly();

    private static int[] BuildDaily()
    {
        var byDaysAgo = new Dictionary<int, int> { [0] = 1, [1] = 3, [2] = 3, [3] = 3, [4] = 1, [5] = 3, [6] = 3, [8] = 2, [9] = 1, [11] = 1, [12] = 2, [15] = 1, [20] = 2, [25] = 1 };
        return [.. Enumerable.Range(0, 30).Select(j => byDaysAgo.GetValueOrDefault(29 - j))];
    }

    private static (int, int, int)[] BuildWeekly()
    {
        var byWeeksAgo = new Dictionary<int, (int, int, int)> { [0] = (9, 5, 2), [1] = (4, 0, 2), [2] = (2, 1, 0), [3] = (1, 0, 0), [6] = (1, 1, 0), [7] = (1, 0, 0) };
        return [.. Enumerable.Range(0, 12).Select(j => byWeeksAgo.GetValueOrDefault(11 - j))];
    }
}
