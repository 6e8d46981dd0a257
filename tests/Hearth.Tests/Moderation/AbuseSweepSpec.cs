using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Moderation;

/// <summary>
/// The abuse sweep (#6), part 1: reaching into communities one is not in, acting on other people's content, and
/// climbing the role ladder. Every case is one attempt that must be refused with a 4xx (never a 500) and leave
/// nothing changed; the cases are counted by kind in <see cref="AbuseSweepCounts"/>.
/// </summary>
public abstract class AbuseSweepSpec(HearthApp app)
{
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Put = HttpMethod.Put, Patch = HttpMethod.Patch, Delete = HttpMethod.Delete;

    /// <summary>The outsider against a community they are not in: content reads, posts, votes, flags and the rest.</summary>
    private static readonly Dictionary<string, Func<Arena, Place, Attempt>> CrossCommunity = new()
    {
        ["read topics"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/topics"),
        ["read topic"] = (w, p) => new(w.Outsider, Get, $"/api/v1/topics/{p.TopicId}"),
        ["read question"] = (w, p) => new(w.Outsider, Get, $"/api/v1/topics/{p.QuestionId}"),
        ["read spaces"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/spaces"),
        ["read members"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/members"),
        ["read events"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/events"),
        ["read attendees"] = (w, p) => new(w.Outsider, Get, $"/api/v1/topics/{p.EventId}/attendees"),
        ["read event ics"] = (w, p) => new(w.Outsider, Get, $"/api/v1/topics/{p.EventId}/event.ics"),
        ["search in topic"] = (w, p) => new(w.Outsider, Get, $"/api/v1/topics/{p.TopicId}/search?q={p.Secret}"),
        ["read moderation log"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/moderation/log"),
        ["read flag queue"] = (w, p) => new(w.Outsider, Get, $"/api/v1/communities/{p.Slug}/flags"),
        ["start topic"] = (w, p) => new(w.Outsider, Post, $"/api/v1/communities/{p.Slug}/topics", new { title = "Intruding", body = "Hello" }),
        ["reply"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.TopicId}/posts", new { body = "Hello" }),
        ["vote on answer"] = (w, p) => new(w.Outsider, Post, $"/api/v1/posts/{p.AnswerId}/vote", new { value = 1 }),
        ["vote for idea"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.IdeaId}/vote", new { value = 1 }),
        ["rsvp"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.EventId}/rsvp", new { response = "Going" }),
        ["accept answer"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.QuestionId}/accept", new { postId = p.AnswerId }),
        ["change idea status"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.IdeaId}/status", new { status = "Planned", note = "x" }),
        ["flag post"] = (w, p) => new(w.Outsider, Post, "/api/v1/flags", new { postId = p.ReplyId, reason = "Spam" }),
        ["flag topic"] = (w, p) => new(w.Outsider, Post, "/api/v1/flags", new { topicId = p.TopicId, reason = "Spam" }),
        ["hide post"] = (w, p) => new(w.Outsider, Post, $"/api/v1/posts/{p.ReplyId}/hide", new { reason = "x" }),
        ["page topic"] = (w, p) => new(w.Outsider, Get, $"/t/{p.TopicId}/x", Page: w.OutsiderBrowser),
        ["page space"] = (w, p) => new(w.Outsider, Get, $"/c/{p.Slug}/s/general", Page: w.OutsiderBrowser),
        ["page members"] = (w, p) => new(w.Outsider, Get, $"/c/{p.Slug}/members", Page: w.OutsiderBrowser),
        ["page moderation"] = (w, p) => new(w.Outsider, Get, $"/c/{p.Slug}/moderation", Page: w.OutsiderBrowser),
        ["page moderation log"] = (w, p) => new(w.Outsider, Get, $"/c/{p.Slug}/moderation/log", Page: w.OutsiderBrowser),
        ["anonymous topic"] = (w, p) => new(null, Get, $"/api/v1/topics/{p.TopicId}"),
        ["anonymous page topic"] = (w, p) => new(null, Get, $"/t/{p.TopicId}/x", AnonymousPage: true),
    };

    public static TheoryData<string, string> CrossCommunityCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var place in new[] { "Private", "Restricted" })
            foreach (var name in CrossCommunity.Keys) data.Add(place, name);
        return data;
    }

    [Theory, MemberData(nameof(CrossCommunityCases))]
    public async Task Nobody_reaches_into_a_community_they_are_not_in(string place, string attempt)
    {
        var w = await Arena.ForAsync(app);
        var p = w.Places[place];
        var response = await app.SendAsync(CrossCommunity[attempt](w, p));
        var text = await response.ShouldBeRefusedAsync(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
        Assert.DoesNotContain(p.Secret, text, StringComparison.Ordinal);
    }

    [Theory, InlineData("Private"), InlineData("Restricted")]
    public async Task Search_never_shows_an_outsider_what_is_inside(string place)
    {
        var w = await Arena.ForAsync(app);
        var p = w.Places[place];
        var everywhere = await w.Outsider.GetAsync($"/api/v1/search?q={p.Secret}");
        Assert.DoesNotContain(p.Secret, await everywhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(everywhere.StatusCode is HttpStatusCode.OK, $"search answered {everywhere.StatusCode}");
        var scoped = await w.Outsider.GetAsync($"/api/v1/search?q={p.Secret}&community={p.Slug}");
        Assert.DoesNotContain(p.Secret, await scoped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, page) = await w.OutsiderBrowser.GetAsync($"/search?q={p.Secret}");
        Assert.DoesNotContain(p.Secret, page.Body?.TextContent ?? "", StringComparison.Ordinal);
    }

    /// <summary>Member B, and the outsider of a Public community, against the author A's content and the moderators' tools.</summary>
    private static readonly Dictionary<string, Func<Arena, Place, Attempt>> OthersContent = new()
    {
        ["accept an answer to someone else's question"] = (w, p) => new(w.B, Post, $"/api/v1/topics/{p.QuestionId}/accept", new { postId = p.AnswerId }),
        ["unaccept on someone else's question"] = (w, p) => new(w.B, Delete, $"/api/v1/topics/{p.QuestionId}/accept"),
        ["change the status of someone else's idea"] = (w, p) => new(w.B, Post, $"/api/v1/topics/{p.IdeaId}/status", new { status = "Declined", note = "No." }),
        ["edit someone else's post"] = (w, p) => new(w.B, Patch, $"/api/v1/posts/{p.FirstPostId}", new { body = "Vandalised" }),
        ["delete someone else's post"] = (w, p) => new(w.B, Delete, $"/api/v1/posts/{p.FirstPostId}"),
        ["edit someone else's event"] = (w, p) => new(w.B, Patch, $"/api/v1/topics/{p.EventId}/event", new { location = "Elsewhere" }),
        ["hide someone else's post"] = (w, p) => new(w.B, Post, $"/api/v1/posts/{p.FirstPostId}/hide", new { reason = "Mine now." }),
        ["remove someone else's post"] = (w, p) => new(w.B, Post, $"/api/v1/posts/{p.FirstPostId}/delete", new { reason = "Mine now." }),
        ["restore a post as a member"] = (w, p) => new(w.B, Post, $"/api/v1/posts/{p.FirstPostId}/restore", new { reason = "x" }),
        ["approve a post as a member"] = (w, p) => new(w.B, Post, $"/api/v1/posts/{p.FirstPostId}/approve", new { }),
        ["slow down someone else's topic"] = (w, p) => new(w.B, Put, $"/api/v1/topics/{p.TopicId}/slow-mode", new { seconds = 86400 }),
        ["pin a topic as a member"] = (w, p) => new(w.B, Post, $"/api/v1/topics/{p.TopicId}/pin", new { pinned = true }),
        ["make someone else's question an article"] = (w, p) => new(w.B, Post, $"/api/v1/topics/{p.QuestionId}/make-article", new { }),
        ["warn the author as a member"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/members/{w.A.UserName}/warn", new { message = "Boo" }),
        ["suspend the author as a member"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/members/{w.A.UserName}/suspend", new { days = 9, reason = "Boo" }),
        ["read the flag queue as a member"] = (w, p) => new(w.B, Get, $"/api/v1/communities/{p.Slug}/flags"),
        ["read the pending queue as a member"] = (w, p) => new(w.B, Get, $"/api/v1/communities/{p.Slug}/pending"),
        ["read the appeals as a member"] = (w, p) => new(w.B, Get, $"/api/v1/communities/{p.Slug}/appeals"),
        ["outsider replies in a public community"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.TopicId}/posts", new { body = "Drive-by" }),
        ["outsider votes in a public community"] = (w, p) => new(w.Outsider, Post, $"/api/v1/posts/{p.AnswerId}/vote", new { value = -1 }),
        ["outsider votes for an idea in a public community"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.IdeaId}/vote", new { value = 1 }),
        ["outsider RSVPs in a public community"] = (w, p) => new(w.Outsider, Post, $"/api/v1/topics/{p.EventId}/rsvp", new { response = "Going" }),
        ["anonymous reply"] = (w, p) => new(null, Post, $"/api/v1/topics/{p.TopicId}/posts", new { body = "Anon" }),
        ["anonymous flag"] = (w, p) => new(null, Post, "/api/v1/flags", new { postId = p.ReplyId, reason = "Spam" }),
    };

    public static TheoryData<string> OthersContentCases() => [.. OthersContent.Keys];

    [Theory, MemberData(nameof(OthersContentCases))]
    public async Task Nobody_acts_on_content_that_is_not_theirs(string attempt)
    {
        var w = await Arena.ForAsync(app);
        var p = w.Public;
        var response = await app.SendAsync(OthersContent[attempt](w, p));
        await response.ShouldBeRefusedAsync();
        // Nothing moved: the author's post is there as written, the question unsolved, the idea new.
        var topic = await w.A.GetJsonAsync($"/api/v1/topics/{p.TopicId}");
        Assert.Contains("Body " + p.Secret, topic["posts"]![0]!["bodyHtml"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await w.A.GetJsonAsync($"/api/v1/topics/{p.TopicId}"))["posts"]!.AsArray().Count(x => x!["bodyHtml"]!.GetValue<string>().Contains("Vandalised", StringComparison.Ordinal)));
        Assert.False((await w.A.GetJsonAsync($"/api/v1/topics/{p.QuestionId}"))["solved"]!.GetValue<bool>());
        Assert.Equal("New", (await w.A.GetJsonAsync($"/api/v1/topics/{p.IdeaId}"))["status"]!.GetValue<string>());
    }

    /// <summary>Role changes and steward powers attempted by those who do not hold them.</summary>
    private static readonly Dictionary<string, Func<Arena, Place, Attempt>> Escalation = new()
    {
        ["a member makes themselves steward"] = (w, p) => new(w.B, Put, $"/api/v1/communities/{p.Slug}/members/{w.B.UserName}/role", new { role = "Steward" }),
        ["a member makes themselves moderator"] = (w, p) => new(w.B, Put, $"/api/v1/communities/{p.Slug}/members/{w.B.UserName}/role", new { role = "Moderator" }),
        ["a member promotes another member"] = (w, p) => new(w.B, Put, $"/api/v1/communities/{p.Slug}/members/{w.A.UserName}/role", new { role = "Moderator" }),
        ["a member demotes the moderator"] = (w, p) => new(w.B, Put, $"/api/v1/communities/{p.Slug}/members/{w.Moderator.UserName}/role", new { role = "Member" }),
        ["a moderator makes a member steward"] = (w, p) => new(w.Moderator, Put, $"/api/v1/communities/{p.Slug}/members/{w.B.UserName}/role", new { role = "Steward" }),
        ["a moderator makes themselves steward"] = (w, p) => new(w.Moderator, Put, $"/api/v1/communities/{p.Slug}/members/{w.Moderator.UserName}/role", new { role = "Steward" }),
        ["a moderator demotes the steward"] = (w, p) => new(w.Moderator, Put, $"/api/v1/communities/{p.Slug}/members/{w.Steward.UserName}/role", new { role = "Member" }),
        ["the last steward demotes themselves"] = (w, p) => new(w.Steward, Put, $"/api/v1/communities/{p.Slug}/members/{w.Steward.UserName}/role", new { role = "Member" }),
        ["a role that does not exist"] = (w, p) => new(w.Steward, Put, $"/api/v1/communities/{p.Slug}/members/{w.B.UserName}/role", new { role = "Owner" }),
        ["a member edits the charter"] = (w, p) => new(w.B, Patch, $"/api/v1/communities/{p.Slug}", new { purpose = "Taken over." }),
        ["a moderator edits the charter"] = (w, p) => new(w.Moderator, Patch, $"/api/v1/communities/{p.Slug}", new { visibility = "Private" }),
        ["a member adds a space"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/spaces", new { name = "Mine", slug = "mine", kind = "Discussion" }),
        ["a member reads join requests"] = (w, p) => new(w.B, Get, $"/api/v1/communities/{p.Slug}/requests"),
        ["a member invites"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/invitations", new { userName = w.Outsider.UserName }),
        ["a member bans the moderator"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/members/{w.Moderator.UserName}/ban", new { reason = "Coup" }),
        ["a moderator bans the steward"] = (w, p) => new(w.Moderator, Post, $"/api/v1/communities/{p.Slug}/members/{w.Steward.UserName}/ban", new { reason = "Coup" }),
        ["a moderator suspends the steward"] = (w, p) => new(w.Moderator, Post, $"/api/v1/communities/{p.Slug}/members/{w.Steward.UserName}/suspend", new { days = 30, reason = "Coup" }),
        ["a member changes moderation settings"] = (w, p) => new(w.B, Patch, $"/api/v1/communities/{p.Slug}/moderation/settings", new { publicLog = true }),
        ["a moderator changes moderation settings"] = (w, p) => new(w.Moderator, Patch, $"/api/v1/communities/{p.Slug}/moderation/settings", new { flagsToHide = 0 }),
        ["a member watches words"] = (w, p) => new(w.B, Post, $"/api/v1/communities/{p.Slug}/watched-words", new { word = "the", action = "Block" }),
        ["a steward reads the site queue"] = (w, p) => new(w.Steward, Get, "/api/v1/admin/flags"),
        ["a steward bans at site level"] = (w, p) => new(w.Steward, Post, $"/api/v1/admin/users/{w.B.UserName}/ban", new { reason = "Mine" }),
        ["a steward watches site words"] = (w, p) => new(w.Steward, Post, "/api/v1/admin/watched-words", new { word = "the", action = "Block" }),
        ["a member opens the site queue page"] = (w, p) => new(w.B, Get, "/admin/flags", Page: w.MemberBrowser),
        ["a member opens the moderation page"] = (w, p) => new(w.B, Get, $"/c/{p.Slug}/moderation", Page: w.MemberBrowser),
    };

    public static TheoryData<string> EscalationCases() => [.. Escalation.Keys];

    [Theory, MemberData(nameof(EscalationCases))]
    public async Task Nobody_climbs_the_role_ladder_on_their_own(string attempt)
    {
        var w = await Arena.ForAsync(app);
        var p = w.Public;
        await (await app.SendAsync(Escalation[attempt](w, p))).ShouldBeRefusedAsync();
        var members = await w.Steward.GetJsonAsync($"/api/v1/communities/{p.Slug}/members");
        var roles = members["items"]!.AsArray().ToDictionary(m => m!["userName"]!.GetValue<string>(), m => m!["role"]!.GetValue<string>());
        Assert.Equal(("Steward", "Moderator", "Member", "Member"), (roles[w.Steward.UserName], roles[w.Moderator.UserName], roles[w.A.UserName], roles[w.B.UserName]));
        var settings = await w.Steward.GetJsonAsync($"/api/v1/communities/{p.Slug}/moderation/settings");
        Assert.Equal((3, false), (settings["flagsToHide"]!.GetValue<int>(), settings["publicLog"]!.GetValue<bool>()));
        Assert.False((await w.B.GetJsonAsync("/api/v1/me"))["isAdmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Registering_with_an_admin_flag_does_not_make_an_admin()
    {
        var client = app.CreateClient();
        var name = Api.UniqueName("sneaky");
        await (await client.PostAsync("/api/v1/users", Api.RawJson($$"""{"userName":"{{name}}","email":"{{name}}@x.test","password":"correct horse battery","isAdmin":true}""")))
            .ShouldBe(HttpStatusCode.Created);
        var token = await (await client.PostAsync("/api/v1/tokens", Api.RawJson($$"""{"userNameOrEmail":"{{name}}","password":"correct horse battery"}"""))).ShouldBe(HttpStatusCode.Created);
        var me = app.CreateClient();
        me.DefaultRequestHeaders.Authorization = new("Bearer", token["token"]!.GetValue<string>());
        Assert.False((await me.GetJsonAsync("/api/v1/me"))["isAdmin"]!.GetValue<bool>());
    }

    /// <summary>Kinds and their case counts, for the closing note; kept beside the data so they cannot drift.</summary>
    public static IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>
    {
        ["cross-community access"] = CrossCommunityCases().Count + 2,
        ["acting on others' content"] = OthersContentCases().Count,
        ["privilege escalation"] = EscalationCases().Count + 1,
    };
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AbuseSweepOnSqlite(SqliteApp app) : AbuseSweepSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AbuseSweepOnPostgres(PostgresApp app) : AbuseSweepSpec(app);
