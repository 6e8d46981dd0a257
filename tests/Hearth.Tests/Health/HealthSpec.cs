using System.Net;
using Hearth.Features.Health;
using Hearth.Tests.Announcements;
using Hearth.Tests.Discussions;
using Hearth.Tests.Ideas;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Health;

public abstract class HealthSpec(HearthApp app)
{
    [Fact]
    public async Task Every_figure_matches_the_hand_computation_on_the_fixture_community()
    {
        var fixture = await HealthFixture.BuildAsync(app);
        await app.RollUpAsync(fixture.Slug);
        var f = await fixture.Steward.HealthAsync(fixture.Slug);

        Assert.Equal(fixture.Slug, f["community"]!.GetValue<string>());
        Assert.Equal(30, f["windowDays"]!.GetValue<int>());
        Assert.Equal(1, f.Number("activeMembers.day"));
        Assert.Equal(7, f.Number("activeMembers.week"));
        Assert.Equal(8, f.Number("activeMembers.month"));
        Assert.Equal(HealthFixture.Daily, f["activeMembers"]!["daily"]!.AsArray().Select(d => d!["members"]!.GetValue<int>()));

        Assert.Equal(2, f.Number("newMembers.joined"));
        Assert.Equal(1, f.Number("newMembers.postedWithin30Days"));
        Assert.Equal(0.5, f.Number("newMembers.sharePosted"), 6);

        Assert.Equal(HealthFixture.Weekly, f["weekly"]!.AsArray().Select(w => (w!["topics"]!.GetValue<int>(), w["replies"]!.GetValue<int>(), w["answers"]!.GetValue<int>())));

        Assert.Equal(7, f.Number("responsiveness.topicsWithReply"));
        Assert.Equal(7200, f.Number("responsiveness.medianSecondsToFirstReply"), 0);
        Assert.Equal(4, f.Number("responsiveness.questions"));
        Assert.Equal(3, f.Number("responsiveness.answered"));
        Assert.Equal(2, f.Number("responsiveness.solved"));
        Assert.Equal(21600, f.Number("responsiveness.medianSecondsToSolved"), 0);
        Assert.Equal(2, f.Number("responsiveness.answeredByMembers"));
        Assert.Equal(2.0 / 3, f.Number("responsiveness.shareAnsweredByMembers"), 6);

        Assert.Equal(7, f.Number("reciprocity.participants"));
        Assert.Equal(4, f.Number("reciprocity.both"));
        Assert.Equal(4.0 / 7, f.Number("reciprocity.share"), 6);

        Assert.Equal(7, f.Number("concentration.contributors"));
        Assert.Equal(26, f.Number("concentration.contributions"));
        Assert.Equal(1, f.Number("concentration.topContributors"));
        Assert.Equal(7, f.Number("concentration.topContributions"));
        Assert.Equal(7.0 / 26, f.Number("concentration.share"), 6);

        Assert.Equal(4, f.Number("ideas.ideas"));
        Assert.Equal(2, f.Number("ideas.withStatusChange"));
        Assert.Equal(2, f.Number("ideas.withoutStatus"));
        Assert.Equal(172800, f.Number("ideas.medianSecondsToFirstStatus"), 0);

        Assert.Equal(26, f.Number("styleMix.posts"));
        foreach (var (style, posts) in new[] { ("promotion", 2), ("broadcast", 4), ("support", 8), ("innovation", 4), ("conversation", 8) })
        {
            Assert.Equal(posts, f.Number($"styleMix.{style}.posts"));
            Assert.Equal(posts / 26.0, f.Number($"styleMix.{style}.share"), 6);
        }
        Assert.Equal(3, f.Number("styleMix.announcements"));
        Assert.Equal(1, f.Number("styleMix.announcementReplies"));
        Assert.Equal(1.0 / 3, f.Number("styleMix.repliesPerAnnouncement"), 6);
        Assert.Equal(["announcements-unanswered", "ideas-without-status", "balanced"], f.ReadingCodes());
        Assert.Contains("3 announcements drew 0.3 replies each", f.ReadingText("announcements-unanswered"));
        Assert.StartsWith("2 of 4 ideas never got a status", f.ReadingText("ideas-without-status"));
        Assert.Contains("31%", f.ReadingText("balanced"));

        // The moderator sees the same figures.
        Assert.Equal(26, (await fixture.Moderator.HealthAsync(fixture.Slug)).Number("concentration.contributions"));
    }

    [Fact]
    public async Task The_csv_export_and_the_dashboard_show_the_hand_computed_figures()
    {
        var fixture = await HealthFixture.BuildAsync(app);
        await app.RollUpAsync(fixture.Slug);

        var response = await fixture.Steward.GetAsync($"/api/v1/communities/{fixture.Slug}/health.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{fixture.Slug}-health.csv", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,figure,period_start,value", lines[0]);
        foreach (var expected in new[]
        {
            "active_members,day,,1", "active_members,week,,7", "active_members,month,,8",
            "new_members,joined,,2", "new_members,posted_within_30_days,,1",
            "responsiveness,median_seconds_to_first_reply,,7200", "responsiveness,median_seconds_to_solved,,21600",
            "responsiveness,share_answered_by_members,,0.666667", "reciprocity,share,,0.571429",
            "concentration,share,,0.269231", "ideas,without_status,,2", "ideas,median_seconds_to_first_status,,172800",
            "style_mix,promotion_posts,,2", "style_mix,replies_per_announcement,,0.333333",
        })
            Assert.Contains(expected, lines);
        var daily = lines.Where(l => l.StartsWith("daily,active_members,", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(HealthFixture.Daily, daily);
        Assert.Equal(12, lines.Count(l => l.StartsWith("weekly,topics,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l == "reading,ideas-without-status,,2 of 4 ideas never got a status. Tell contributors what became of them.");

        var browser = Browser.Open(app);
        await browser.SignInAsync(fixture.Steward.UserName);
        var page = await browser.PageAsync($"/c/{fixture.Slug}/health");
        var charts = page.QuerySelectorAll("svg[role=img]");
        Assert.Equal(3, charts.Length);
        foreach (var chart in charts)
        {
            var labelledBy = chart.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal("title", page.GetElementById(labelledBy[0])!.LocalName);
            Assert.Equal("desc", page.GetElementById(labelledBy[1])!.LocalName);
            Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(labelledBy[0])!.TextContent));
        }
        Assert.Equal("Active members per day, last 30 days", page.QuerySelector("[data-testid=chart-active] > title")!.TextContent);
        Assert.Contains("3 members", page.QuerySelector("[data-testid=chart-active] > desc")!.TextContent);
        Assert.Equal(30, page.QuerySelectorAll("[data-testid=table-active] tbody tr").Length);
        Assert.Equal(HealthFixture.Daily.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            page.QuerySelectorAll("[data-testid=table-active] tbody tr td:last-child").Select(td => td.TextContent));
        Assert.Equal(["9", "5", "2"], page.QuerySelectorAll("[data-testid=table-weekly] tbody tr:last-child td").Skip(1).Select(td => td.TextContent));
        Assert.Equal("8", page.QuerySelector("[data-testid=active-month]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-testid=active-day]")!.TextContent);
        Assert.Equal("2 h", page.QuerySelector("[data-testid=median-first-reply]")!.TextContent);
        Assert.Equal("6 h", page.QuerySelector("[data-testid=median-solved]")!.TextContent);
        Assert.Equal("67%", page.QuerySelector("[data-testid=share-members-answer]")!.TextContent);
        Assert.Equal("57%", page.QuerySelector("[data-testid=reciprocity]")!.TextContent);
        Assert.Equal("27%", page.QuerySelector("[data-testid=concentration]")!.TextContent);
        Assert.Equal("2 d", page.QuerySelector("[data-testid=median-status]")!.TextContent);
        Assert.Equal("8", page.QuerySelector("[data-testid=table-mix] tr[data-style=support] td")!.TextContent);
        Assert.Equal(["announcements-unanswered", "ideas-without-status", "balanced"],
            page.QuerySelectorAll("[data-testid=readings] li").Select(li => li.GetAttribute("data-code")));
        Assert.NotNull(page.QuerySelector("[data-testid=computed-at] time[datetime]"));
        Assert.Equal($"/api/v1/communities/{fixture.Slug}/health.csv", page.QuerySelector("[data-testid=csv-link]")!.GetAttribute("href"));

        // The signed-in browser downloads the CSV with its cookie, as the link does.
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync($"/api/v1/communities/{fixture.Slug}/health.csv")).StatusCode);
    }

    [Fact]
    public async Task Stewards_and_moderators_see_the_figures_members_are_refused_and_outsiders_of_a_private_community_are_not_told()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var moderator = await app.NewMemberAsync();
        var member = await app.NewMemberAsync();
        await steward.InviteInAsync(slug, moderator);
        await steward.InviteInAsync(slug, member);
        await QuestionSteps.MakeModeratorAsync(steward, slug, moderator);
        var outsider = await app.NewMemberAsync();

        foreach (var url in new[] { $"/api/v1/communities/{slug}/health", $"/api/v1/communities/{slug}/health.csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await steward.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(url)).StatusCode);
            await (await member.GetAsync(url)).ShouldFail(HttpStatusCode.Forbidden);
            await (await outsider.GetAsync(url)).ShouldFail(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
        }
        await (await outsider.GetAsync("/api/v1/communities/no-such-community/health")).ShouldFail(HttpStatusCode.NotFound);

        var restricted = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        await (await outsider.GetAsync($"/api/v1/communities/{restricted}/health")).ShouldFail(HttpStatusCode.NotFound);
        var open = await steward.NewCommunityAsync();
        await (await outsider.GetAsync($"/api/v1/communities/{open}/health")).ShouldFail(HttpStatusCode.Forbidden);

        // Pages: the dashboard for the steward, a summary for the member, nothing for the outsider.
        var asSteward = Browser.Open(app);
        await asSteward.SignInAsync(steward.UserName);
        Assert.NotNull((await asSteward.PageAsync($"/c/{slug}/health")).QuerySelector("[data-testid=chart-weekly]"));
        Assert.NotNull((await asSteward.PageAsync($"/c/{slug}")).QuerySelector("a[data-testid=health-link][href$='/health']"));
        var asMember = Browser.Open(app);
        await asMember.SignInAsync(member.UserName);
        var summary = await asMember.PageAsync($"/c/{slug}/health");
        Assert.NotNull(summary.QuerySelector("[data-testid=health-summary] [data-testid=active-month]"));
        Assert.Empty(summary.QuerySelectorAll("svg"));
        Assert.Null(summary.QuerySelector("[data-testid=csv-link]"));
        Assert.NotNull((await asMember.PageAsync($"/c/{slug}")).QuerySelector("a[data-testid=health-link]"));
        var asOutsider = Browser.Open(app);
        await asOutsider.SignInAsync(outsider.UserName);
        await asOutsider.PageAsync($"/c/{slug}/health", HttpStatusCode.NotFound);
        await asOutsider.PageAsync($"/c/{open}/health", HttpStatusCode.Forbidden);
        Assert.Null((await asOutsider.PageAsync($"/c/{open}")).QuerySelector("a[data-testid=health-link]"));
        Assert.Equal(HttpStatusCode.Redirect, (await Browser.Open(app).GetAsync($"/c/{open}/health")).Response.StatusCode);
    }

    [Fact]
    public async Task The_page_serves_the_stored_snapshot_until_the_next_roll_up()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await steward.NewTopicAsync(slug, "First");

        // No snapshot yet: computed once, on demand, and stored.
        var first = await steward.HealthAsync(slug);
        Assert.Equal(1, first.Number("concentration.contributions"));
        var communityId = await app.CommunityIdAsync(slug);
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM health_snapshots WHERE community_id = @Id", new { Id = communityId }));

        await steward.NewTopicAsync(slug, "Second");
        var served = await steward.HealthAsync(slug);
        Assert.Equal(first["computedAt"]!.GetValue<DateTime>(), served["computedAt"]!.GetValue<DateTime>());
        Assert.Equal(1, served.Number("concentration.contributions"));

        await app.Services.GetRequiredService<HealthRollUp>().RunOnceAsync();
        var rolled = await steward.HealthAsync(slug);
        Assert.True(rolled["computedAt"]!.GetValue<DateTime>() > first["computedAt"]!.GetValue<DateTime>());
        Assert.Equal(2, rolled.Number("concentration.contributions"));
        Assert.Equal(2, rolled["weekly"]!.AsArray().Last()!["topics"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleted_and_removed_posts_are_not_counted()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.MemberOfAsync(slug);
        var topic = (await steward.NewTopicAsync(slug)).Id();
        var reply = (await member.ReplyAsync(topic)).Id();
        var other = (await member.NewTopicAsync(slug, "Another")).Id();
        await app.RollUpAsync(slug);
        var before = await steward.HealthAsync(slug);
        Assert.Equal(3, before.Number("concentration.contributions"));
        Assert.Equal(1, before.Number("responsiveness.topicsWithReply"));
        Assert.Equal(2, before.Number("reciprocity.participants")); // the member gave, the steward received
        Assert.Equal(0, before.Number("reciprocity.both"));

        await member.DeletePostAsync(reply);
        await app.SetAsync("UPDATE posts SET state = 'Removed' WHERE topic_id = @Id", new { Id = other });
        await app.RollUpAsync(slug);
        var after = await steward.HealthAsync(slug);
        Assert.Equal(1, after.Number("concentration.contributions"));
        Assert.Equal(0, after.Number("responsiveness.topicsWithReply"));
        Assert.Null(after.At("responsiveness.medianSecondsToFirstReply"));
        Assert.Equal(0, after.Number("reciprocity.participants"));
        Assert.Equal(1, after["weekly"]!.AsArray().Last()!["topics"]!.GetValue<int>());
        Assert.Equal(0, after["weekly"]!.AsArray().Last()!["replies"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_style_mix_reading_follows_the_figures()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        await steward.AddAnnouncementsAsync(slug, "news", allowReplies: true);
        var member = await app.MemberOfAsync(slug);
        var announcements = new List<long>();
        for (var i = 0; i < 5; i++) announcements.Add((await steward.NewTopicAsync(slug, $"News {i}", space: "news")).Id());
        await member.ReplyAsync(announcements[0]);
        await member.ReplyAsync(announcements[1]);

        // 7 posts, all broadcast; 5 announcements drew 2 replies: 0.4 each.
        await app.RollUpAsync(slug);
        var broadcast = await steward.HealthAsync(slug);
        Assert.Equal(1.0, broadcast.Number("styleMix.broadcast.share"), 6);
        Assert.Equal(["broadcast-heavy"], broadcast.ReadingCodes());
        Assert.StartsWith("Most activity is broadcast: 5 announcements drew 0.4 replies each.", broadcast.ReadingText("broadcast-heavy"));

        // Replies to the other four announcements (8 more: 10 replies, 2.0 each); three ideas, one of which hears back.
        foreach (var id in announcements.Skip(1)) { await member.ReplyAsync(id); await steward.ReplyAsync(id); }
        var ideas = new List<long>();
        for (var i = 0; i < 3; i++) ideas.Add((await member.ProposeIdeaAsync(slug, $"Idea {i}")).Id());
        await steward.ChangeStatusOkAsync(ideas[0], "Planned");
        await app.RollUpAsync(slug);
        var answered = await steward.HealthAsync(slug);
        Assert.Equal(2.0, answered.Number("styleMix.repliesPerAnnouncement"), 6);
        Assert.DoesNotContain("broadcast-heavy", answered.ReadingCodes());
        Assert.Equal("2 of 3 ideas never got a status. Tell contributors what became of them.", answered.ReadingText("ideas-without-status"));

        foreach (var id in ideas.Skip(1)) await steward.ChangeStatusOkAsync(id, "UnderReview");
        await app.RollUpAsync(slug);
        var heard = await steward.HealthAsync(slug);
        Assert.DoesNotContain("ideas-without-status", heard.ReadingCodes());
        Assert.Contains("ideas-answered", heard.ReadingCodes());
    }

    [Fact]
    public async Task Links_to_the_authors_own_site_and_posts_of_mostly_links_are_promotion()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.MemberOfAsync(slug);
        await (await member.PatchAsync("/api/v1/me/profile", new { links = new[] { "https://my-shop.example/about" } })).ShouldBe(HttpStatusCode.OK);
        await member.NewTopicAsync(slug, "Look", "[one](https://x.example/1) [two](https://x.example/2) and more");
        await member.NewTopicAsync(slug, "Story", "A long story about how I learned to bake, with a note at the end: https://www.my-shop.example/bread");
        await steward.NewTopicAsync(slug, "Story", "The same story, linking elsewhere at the end: https://my-shop.example/bread ok");
        await app.RollUpAsync(slug);
        var f = await steward.HealthAsync(slug);
        Assert.Equal(2, f.Number("styleMix.promotion.posts"));
        Assert.Equal(1, f.Number("styleMix.conversation.posts"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_health_routes()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/communities/{slug}/health"]!["get"]);
        Assert.NotNull(paths["/api/v1/communities/{slug}/health.csv"]!["get"]);
    }
}

public sealed class LinkShareSpec
{
    [Theory]
    [InlineData("Check https://example.com/a https://example.com/b", true)]
    [InlineData("[one](https://x.example/1) [two](https://x.example/2) and more", true)]
    [InlineData("<https://x.example/a-long-path-indeed> ok", true)]
    [InlineData("A long story about baking bread at home, with a link at the end: https://x.example", false)]
    [InlineData("No links at all.", false)]
    [InlineData("", false)]
    public void A_post_is_mostly_links_when_links_make_up_half_of_it(string body, bool mostly) =>
        Assert.Equal(mostly, LinkShare.IsMostlyLinks(body));

    [Fact]
    public void Hosts_are_read_without_www_and_in_lower_case() =>
        Assert.Equal(["shop.example", "other.example"], LinkShare.Hosts("see https://WWW.Shop.example/x and [o](http://other.example/y)"));
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class HealthOnSqlite(SqliteApp app) : HealthSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class HealthOnPostgres(PostgresApp app) : HealthSpec(app);
