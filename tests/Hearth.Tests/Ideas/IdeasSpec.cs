using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Ideas;

public abstract class IdeasSpec(HearthApp app)
{
    private async Task<(Member Steward, string Slug, Member Author, long IdeaId)> IdeaAsync(Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewIdeasCommunityAsync(with);
        var author = await app.NewMemberAsync("author");
        await author.JoinAsync(slug);
        var idea = await author.ProposeAsync(slug);
        return (steward, slug, author, idea.Id());
    }

    private async Task<Member> MemberOfAsync(string slug, string prefix = "member")
    {
        var member = await app.NewMemberAsync(prefix);
        await member.JoinAsync(slug);
        return member;
    }

    [Fact]
    public async Task A_new_idea_starts_at_New_with_no_votes_and_no_history()
    {
        var i = await IdeaAsync();
        var created = await i.Author.GetJsonAsync($"/api/v1/topics/{i.IdeaId}");
        Assert.Equal("Ideas", created["kind"]!.GetValue<string>());
        Assert.Equal("New", created["status"]!.GetValue<string>());
        Assert.Equal(0, created["votes"]!.GetValue<int>());
        Assert.Equal(0, created["myVote"]!.GetValue<int>());
        Assert.Empty(created["statusHistory"]!.AsArray());

        var listed = Assert.Single((await app.CreateClient().GetJsonAsync($"/api/v1/communities/{i.Slug}/topics?space={IdeaSteps.Space}"))["items"]!.AsArray())!;
        Assert.Equal("New", listed["status"]!.GetValue<string>());
        Assert.Equal(0, listed["votes"]!.GetValue<int>());
        // A discussion has none of it.
        var discussion = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{(await i.Steward.NewTopicAsync(i.Slug)).Id()}");
        Assert.False(discussion.AsObject().ContainsKey("status"));
        Assert.False(discussion.AsObject().ContainsKey("votes"));
        Assert.False(discussion.AsObject().ContainsKey("statusHistory"));
    }

    [Fact]
    public async Task Members_vote_once_and_toggle_their_vote_off()
    {
        var i = await IdeaAsync();
        var fan = await MemberOfAsync(i.Slug, "fan");

        var voted = await fan.VoteForOkAsync(i.IdeaId);
        Assert.Equal((i.IdeaId, 1, 1), (voted["topicId"]!.GetValue<long>(), voted["votes"]!.GetValue<int>(), voted["myVote"]!.GetValue<int>()));
        Assert.Equal(1, (await fan.VoteForOkAsync(i.IdeaId))["votes"]!.GetValue<int>());
        Assert.Equal(2, (await i.Author.VoteForOkAsync(i.IdeaId))["votes"]!.GetValue<int>());
        Assert.Equal(1, (await fan.GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["myVote"]!.GetValue<int>());
        Assert.Equal(0, (await i.Steward.GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["myVote"]!.GetValue<int>());

        var off = await fan.VoteForOkAsync(i.IdeaId, 0);
        Assert.Equal((1, 0), (off["votes"]!.GetValue<int>(), off["myVote"]!.GetValue<int>()));
        Assert.Equal(1, (await fan.VoteForOkAsync(i.IdeaId, 0))["votes"]!.GetValue<int>());
        Assert.Equal(0, (await fan.GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["myVote"]!.GetValue<int>());
        Assert.Equal(1, (await app.CreateClient().GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["votes"]!.GetValue<int>());
        var footprint = await app.IdeaFootprintAsync(i.IdeaId);
        Assert.Equal((1L, 1L), (footprint.Votes, footprint.VoteCount));
    }

    [Fact]
    public async Task Outsiders_of_a_public_community_are_refused_and_of_restricted_or_private_ones_told_nothing()
    {
        var i = await IdeaAsync();
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.VoteForAsync(i.IdeaId, 1)).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.ChangeStatusAsync(i.IdeaId, "Planned", "Sure.")).ShouldFail(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostAsync($"/api/v1/topics/{i.IdeaId}/vote", Api.RawJson("""{"value":1}"""))).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsync($"/api/v1/topics/{i.IdeaId}/status", Api.RawJson("""{"status":"Done","note":"x"}"""))).ShouldBe(HttpStatusCode.Unauthorized);

        foreach (var visibility in new[] { "Restricted", "Private" })
        {
            var steward = await app.NewMemberAsync();
            var slug = await steward.NewIdeasCommunityAsync(c => { c["visibility"] = visibility; c["joinPolicy"] = "Invitation"; });
            var idea = (await steward.ProposeAsync(slug)).Id();
            await (await outsider.VoteForAsync(idea, 1)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.VoteForAsync(idea, 5)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.ChangeStatusAsync(idea, "Planned", "Sure.")).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.Http.GetAsync($"/api/v1/communities/{slug}/topics?space={IdeaSteps.Space}&sort=votes")).ShouldFail(HttpStatusCode.NotFound);
            Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(idea));
        }
        Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(i.IdeaId));
    }

    [Fact]
    public async Task Ordinary_members_cannot_change_the_status_but_moderators_and_stewards_can()
    {
        var i = await IdeaAsync();
        var member = await MemberOfAsync(i.Slug);

        await (await i.Author.ChangeStatusAsync(i.IdeaId, "Planned", "I planned it myself.")).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.ChangeStatusAsync(i.IdeaId, "Planned", "Me too.")).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(i.IdeaId));

        await i.Steward.MakeModeratorAsync(i.Slug, member);
        Assert.Equal("UnderReview", (await member.ChangeStatusOkAsync(i.IdeaId, "UnderReview"))["status"]!.GetValue<string>());
        Assert.Equal("Planned", (await i.Steward.ChangeStatusOkAsync(i.IdeaId, "Planned"))["status"]!.GetValue<string>());
        await i.Steward.MakeModeratorAsync(i.Slug, member, "Member");
        await (await member.ChangeStatusAsync(i.IdeaId, "Done", "Not any more.")).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal("Planned", (await app.IdeaFootprintAsync(i.IdeaId)).Status);
    }

    [Fact]
    public async Task A_status_change_needs_a_known_status_spelled_exactly_and_a_note()
    {
        var i = await IdeaAsync();
        var url = $"/api/v1/topics/{i.IdeaId}/status";

        foreach (var status in new[] { "planned", "Under review", "Underreview", "Shipped", "", null })
        {
            var problem = await (await i.Steward.ChangeStatusAsync(i.IdeaId, status, "A fine note.")).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["status"]);
        }
        foreach (var note in new[] { null, "", "   ", new string('x', 2001) })
        {
            var problem = await (await i.Steward.ChangeStatusAsync(i.IdeaId, "Planned", note)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["note"]);
        }
        foreach (var body in new[] { """{"status":"Planned","note":""", """{"status":5,"note":"x"}""", """{"status":"Planned","note":["x"]}""", "[]" })
            await (await i.Steward.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.BadRequest);
        await (await i.Steward.ChangeStatusAsync(999_999_999, "Planned", "x")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(i.IdeaId));
        Assert.Empty(await i.Author.NotificationsAsync());

        // The limit itself is fine, and so is every status in its exact spelling.
        await i.Steward.ChangeStatusOkAsync(i.IdeaId, "UnderReview", new string('y', 2000));
        foreach (var status in new[] { "Planned", "InProgress", "Done", "Declined", "New" }) await i.Steward.ChangeStatusOkAsync(i.IdeaId, status);
        Assert.Equal(6L, (await app.IdeaFootprintAsync(i.IdeaId)).Changes);
    }

    [Fact]
    public async Task Moving_an_idea_to_the_status_it_has_is_a_conflict()
    {
        var i = await IdeaAsync();
        await (await i.Steward.ChangeStatusAsync(i.IdeaId, "New", "Still new.")).ShouldFail(HttpStatusCode.Conflict);
        await i.Steward.ChangeStatusOkAsync(i.IdeaId, "Planned");
        await (await i.Steward.ChangeStatusAsync(i.IdeaId, "Planned", "Again.")).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal(1L, (await app.IdeaFootprintAsync(i.IdeaId)).Changes);
    }

    [Fact]
    public async Task Every_change_is_kept_in_the_history_with_who_from_to_note_and_when()
    {
        var i = await IdeaAsync();
        var moderator = await MemberOfAsync(i.Slug, "moderator");
        await i.Steward.MakeModeratorAsync(i.Slug, moderator);

        var first = await moderator.ChangeStatusOkAsync(i.IdeaId, "UnderReview", "We are **looking** at it.");
        Assert.Equal("New", first["change"]!["from"]!.GetValue<string>());
        await i.Steward.ChangeStatusOkAsync(i.IdeaId, "Planned", "Next quarter.");
        await moderator.ChangeStatusOkAsync(i.IdeaId, "Declined", "Out of scope after all.");

        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{i.IdeaId}");
        Assert.Equal("Declined", topic["status"]!.GetValue<string>());
        var history = topic["statusHistory"]!.AsArray();
        Assert.Equal(["New", "UnderReview", "Planned"], history.Select(h => h!["from"]!.GetValue<string>()));
        Assert.Equal(["UnderReview", "Planned", "Declined"], history.Select(h => h!["to"]!.GetValue<string>()));
        Assert.Equal([moderator.UserName, i.Steward.UserName, moderator.UserName], history.Select(h => h!["by"]!["userName"]!.GetValue<string>()));
        Assert.Equal("We are **looking** at it.", history[0]!["note"]!.GetValue<string>());
        Assert.Contains("<strong>looking</strong>", history[0]!["noteHtml"]!.GetValue<string>());
        var times = history.Select(h => h!["at"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t, DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task A_status_change_notifies_the_author_and_every_voter_still_a_member_but_not_the_moderator()
    {
        var i = await IdeaAsync();
        var fan = await MemberOfAsync(i.Slug, "fan");
        var leaver = await MemberOfAsync(i.Slug, "leaver");
        var bystander = await MemberOfAsync(i.Slug, "bystander");
        var unvoter = await MemberOfAsync(i.Slug, "unvoter");
        foreach (var m in new[] { fan, leaver, unvoter, i.Steward }) await m.VoteForOkAsync(i.IdeaId);
        await unvoter.VoteForOkAsync(i.IdeaId, 0);
        await leaver.LeaveAsync(i.Slug);

        var changed = await i.Steward.ChangeStatusOkAsync(i.IdeaId, "Planned", "Scheduled for the spring release.");
        Assert.Equal(2, changed["notified"]!.GetValue<int>());

        foreach (var told in new[] { i.Author, fan })
        {
            var note = Assert.Single(await told.NotificationsAsync());
            Assert.Equal("idea_status", note["kind"]!.GetValue<string>());
            Assert.Equal(i.Steward.UserName, note["actor"]!.GetValue<string>());
            Assert.Contains("Planned", note["text"]!.GetValue<string>());
            Assert.Contains("spring release", note["text"]!.GetValue<string>());
            Assert.StartsWith($"/t/{i.IdeaId}/", note["url"]!.GetValue<string>());
        }
        foreach (var untold in new[] { leaver, bystander, unvoter, i.Steward })
            Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id", new { Id = untold.Id }));
        // The vote of someone who left still counts; it is their notification that stops.
        Assert.Equal(3, (await app.CreateClient().GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["votes"]!.GetValue<int>());

        await i.Steward.ChangeStatusOkAsync(i.IdeaId, "InProgress", "Started.");
        Assert.Equal(2, (await fan.NotificationsAsync()).Length);
    }

    [Fact]
    public async Task Votes_and_status_changes_on_topics_that_are_not_ideas_are_conflicts()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var discussion = (await steward.NewTopicAsync(slug)).Id();
        var question = (await steward.AskAsync(slug)).Id();
        foreach (var id in new[] { discussion, question })
        {
            await (await steward.VoteForAsync(id, 1)).ShouldFail(HttpStatusCode.Conflict);
            await (await steward.ChangeStatusAsync(id, "Planned", "Hmm.")).ShouldFail(HttpStatusCode.Conflict);
            Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(id));
        }
    }

    [Fact]
    public async Task Bad_vote_values_and_malformed_bodies_are_refused_and_nothing_is_written()
    {
        var i = await IdeaAsync();
        var url = $"/api/v1/topics/{i.IdeaId}/vote";
        foreach (var body in new[] { """{"value":-1}""", """{"value":2}""", """{"value":null}""", "{}" })
        {
            var problem = await (await i.Author.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["value"]);
        }
        foreach (var body in new[] { """{"value":"yes"}""", """{"value":""", """{"value":0.5}""" })
            await (await i.Author.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.BadRequest);
        await (await i.Author.VoteForAsync(999_999_999, 1)).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal((0L, 0L, "New", 0L, 0L), await app.IdeaFootprintAsync(i.IdeaId));
    }

    [Fact]
    public async Task Ideas_are_listed_by_votes_newest_or_latest_activity_and_by_status_with_keyset_pages()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewIdeasCommunityAsync();
        var members = new List<Member>();
        for (var n = 0; n < 3; n++) members.Add(await MemberOfAsync(slug, "voter"));
        var a = (await steward.ProposeAsync(slug, "Idea A")).Id();
        var b = (await steward.ProposeAsync(slug, "Idea B")).Id();
        var c = (await steward.ProposeAsync(slug, "Idea C")).Id();
        var d = (await steward.ProposeAsync(slug, "Idea D")).Id();
        // Votes: A 2, B 3, C 0, D 2 (ties go to the higher id); A gets a reply, so it is the latest active.
        foreach (var m in members) await m.VoteForOkAsync(b);
        foreach (var m in members.Take(2)) { await m.VoteForOkAsync(a); await m.VoteForOkAsync(d); }
        await members[0].ReplyAsync(a, "Yes please.");
        await steward.ChangeStatusOkAsync(b, "Planned");
        await steward.ChangeStatusOkAsync(d, "Planned");

        async Task<(long[] Ids, string? Next)> ListAsync(string query)
        {
            var list = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?space={IdeaSteps.Space}&{query}");
            return ([.. list["items"]!.AsArray().Select(t => t!.Id())], list["next"]?.GetValue<string>());
        }

        Assert.Equal([b, d, a, c], (await ListAsync("sort=votes")).Ids);
        Assert.Equal([d, c, b, a], (await ListAsync("sort=newest")).Ids);
        Assert.Equal([a, d, c, b], (await ListAsync("sort=latest")).Ids);
        Assert.Equal([a, d, c, b], (await ListAsync("")).Ids);
        Assert.Equal([b, d], (await ListAsync("sort=votes&status=Planned")).Ids);
        Assert.Equal([c, a], (await ListAsync("sort=newest&status=New")).Ids);
        Assert.Equal([a, c], (await ListAsync("status=New")).Ids);
        Assert.Empty((await ListAsync("status=Done")).Ids);
        var votes = (await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?space={IdeaSteps.Space}&sort=votes"))["items"]!.AsArray();
        Assert.Equal([3, 2, 2, 0], votes.Select(t => t!["votes"]!.GetValue<int>()));
        Assert.Equal(["Planned", "Planned", "New", "New"], votes.Select(t => t!["status"]!.GetValue<string>()));

        foreach (var sort in new[] { "votes", "newest", "latest" })
        {
            var seen = new List<long>();
            var (ids, next) = await ListAsync($"sort={sort}&limit=1");
            seen.AddRange(ids);
            while (next is not null)
            {
                (ids, next) = await ListAsync($"sort={sort}&limit=1&cursor={next}");
                seen.AddRange(ids);
            }
            Assert.Equal((await ListAsync($"sort={sort}")).Ids, seen);
        }
        var (planned, plannedNext) = await ListAsync("sort=votes&status=Planned&limit=1");
        Assert.Equal([b], planned);
        Assert.Equal([d], (await ListAsync($"sort=votes&status=Planned&limit=1&cursor={plannedNext}")).Ids);

        foreach (var bad in new[] { "sort=top", "sort=Votes", "status=planned", "status=Under%20review", "sort=votes&cursor=%%%", "sort=votes&cursor=bm9wZQ" })
            await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/topics?space={IdeaSteps.Space}&{bad}")).ShouldFail(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/topics?space=general&sort=votes")).ShouldFail(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/topics?sort=votes")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_ideas_routes()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/topics/{id}/vote"]!["post"]);
        Assert.NotNull(paths["/api/v1/topics/{id}/status"]!["post"]);
        var list = paths["/api/v1/communities/{slug}/topics"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Contains("sort", list);
        Assert.Contains("status", list);
    }

    [Fact]
    public async Task The_idea_page_runs_a_fixed_number_of_queries_whatever_its_history_and_votes()
    {
        var i = await IdeaAsync();
        var busy = (await i.Author.ProposeAsync(i.Slug, "A busy idea")).Id();
        var statuses = new[] { "UnderReview", "Planned", "InProgress", "Done", "Declined", "New" };
        for (var n = 0; n < 12; n++) await i.Steward.ChangeStatusOkAsync(busy, statuses[n % statuses.Length], $"Change {n}.");
        for (var n = 0; n < 5; n++) await (await MemberOfAsync(i.Slug, "fan")).VoteForOkAsync(busy);
        for (var n = 0; n < 35; n++) await i.Steward.ReplyAsync(busy, $"Reply {n}");
        var browser = Browser.Open(app);
        await browser.SignInAsync(i.Author.UserName);

        async Task<int> CountAsync(Func<Task> request)
        {
            await request();
            app.Db.Counter = new Hearth.Platform.Data.CommandCounter();
            try
            {
                await request();
                return app.Db.Counter.Count;
            }
            finally
            {
                app.Db.Counter = null;
            }
        }

        var quietUrl = (await i.Author.GetJsonAsync($"/api/v1/topics/{i.IdeaId}"))["url"]!.GetValue<string>();
        var busyUrl = (await i.Author.GetJsonAsync($"/api/v1/topics/{busy}"))["url"]!.GetValue<string>();
        var apiQuiet = await CountAsync(() => i.Author.GetJsonAsync($"/api/v1/topics/{i.IdeaId}"));
        var apiBusy = await CountAsync(async () => Assert.Equal(12, (await i.Author.GetJsonAsync($"/api/v1/topics/{busy}"))["statusHistory"]!.AsArray().Count));
        var pageQuiet = await CountAsync(() => browser.PageAsync(quietUrl));
        var pageBusy = await CountAsync(async () => Assert.Equal(12, (await browser.PageAsync(busyUrl)).QuerySelectorAll("[data-testid=status-history] li").Length));
        Assert.Equal(apiQuiet, apiBusy);
        Assert.Equal(pageQuiet, pageBusy);
        Assert.InRange(apiBusy, 1, 3);
        Assert.InRange(pageBusy, 1, 3);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class IdeasOnSqlite(SqliteApp app) : IdeasSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class IdeasOnPostgres(PostgresApp app) : IdeasSpec(app);
