using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Moderation;

/// <summary>
/// The abuse sweep (#6), part 2: script through every text field, oversized and malformed input, and replayed
/// invitation tokens. Case counts by kind are in <see cref="Counts"/>.
/// </summary>
public abstract class AbuseSweepInputsSpec(HearthApp app)
{
    private static readonly string[] Vectors =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "\"><svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=javascript:alert(1)></iframe>",
    ];

    /// <summary>Writes the payload into one field and answers the pages that show it, read by whom.</summary>
    private delegate Task<IReadOnlyList<(Browser Reader, string Url)>> Plant(HearthApp app, Arena w, string payload);

    private static async Task<JsonNode> Created(HttpResponseMessage response) => await response.ShouldBe(HttpStatusCode.Created);

    private static async Task<string> CommunityWith(Arena w, string field, string payload) =>
        await w.Steward.NewCommunityAsync(c => c[field] = field == "name" ? payload : "Safe text. " + payload);

    private static readonly Dictionary<string, Plant> Fields = new()
    {
        ["topic title"] = async (app, w, x) =>
        {
            var t = await w.A.NewTopicAsync(w.Public.Slug, x);
            return [(w.MemberBrowser, t["url"]!.GetValue<string>()), (w.MemberBrowser, $"/c/{w.Public.Slug}/s/general"), (w.MemberBrowser, $"/c/{w.Public.Slug}")];
        },
        ["topic body"] = async (app, w, x) => [(w.MemberBrowser, (await w.A.NewTopicAsync(w.Public.Slug, "Body test", x))["url"]!.GetValue<string>())],
        ["reply body"] = async (app, w, x) =>
        {
            var t = await w.A.NewTopicAsync(w.Public.Slug, "Reply test");
            await w.B.ReplyAsync(t.Id(), x);
            return [(w.MemberBrowser, t["url"]!.GetValue<string>())];
        },
        ["display name"] = async (app, w, x) =>
        {
            var client = app.CreateClient();
            var name = Api.UniqueName("dn");
            await Created(await client.PostAsync("/api/v1/users", System.Net.Http.Json.JsonContent.Create(new { userName = name, email = $"{name}@x.test", password = "correct horse battery", displayName = x })));
            var browser = Browser.Open(app);
            await browser.SignInAsync(name);
            var page = await browser.PageAsync($"/c/{w.Public.Slug}/join");
            Assert.NotNull(page);
            return [(w.MemberBrowser, $"/u/{name}"), (browser, "/")];
        },
        ["bio"] = async (app, w, x) =>
        {
            // No route edits a bio yet; the sweep writes it as a future profile editor would and reads the profile.
            await app.ExecAsync("UPDATE users SET bio = @Bio WHERE id = @Id", new { Bio = x, w.A.Id });
            return [(w.MemberBrowser, $"/u/{w.A.UserName}")];
        },
        ["community name"] = async (app, w, x) => { var s = await CommunityWith(w, "name", x); return [(w.MemberBrowser, $"/c/{s}"), (w.MemberBrowser, "/")]; },
        ["community purpose"] = async (app, w, x) => { var s = await CommunityWith(w, "purpose", x); return [(w.MemberBrowser, $"/c/{s}"), (w.MemberBrowser, "/")]; },
        ["community values"] = async (app, w, x) => { var s = await CommunityWith(w, "values", x); return [(w.MemberBrowser, $"/c/{s}")]; },
        ["community rules"] = async (app, w, x) => { var s = await CommunityWith(w, "rules", x); return [(w.MemberBrowser, $"/c/{s}"), (w.MemberBrowser, $"/c/{s}/join")]; },
        ["community domain"] = async (app, w, x) =>
        {
            var s = await w.Steward.NewCommunityAsync(c => { c["kind"] = "Practice"; c["domain"] = x.Length > 80 ? x[..80] : x; });
            return [(w.MemberBrowser, $"/c/{s}")];
        },
        ["space name"] = async (app, w, x) =>
        {
            var space = "s" + Guid.NewGuid().ToString("n")[..8];
            await Created(await w.Steward.PostAsync($"/api/v1/communities/{w.Public.Slug}/spaces", new { name = x, slug = space, kind = "Discussion" }));
            return [(w.MemberBrowser, $"/c/{w.Public.Slug}"), (w.MemberBrowser, $"/c/{w.Public.Slug}/s/{space}"), (w.MemberBrowser, $"/c/{w.Public.Slug}/spaces")];
        },
        ["space description"] = async (app, w, x) =>
        {
            var space = "s" + Guid.NewGuid().ToString("n")[..8];
            await Created(await w.Steward.PostAsync($"/api/v1/communities/{w.Public.Slug}/spaces", new { name = "Described", slug = space, kind = "Discussion", description = x }));
            return [(w.MemberBrowser, $"/c/{w.Public.Slug}/s/{space}")];
        },
        ["event location"] = async (app, w, x) =>
        {
            var t = await Created(await w.A.PostAsync($"/api/v1/communities/{w.Public.Slug}/topics", new
            {
                space = "meets",
                title = "Meet up",
                body = "Come.",
                @event = new { startsAt = "2031-06-01T18:00:00Z", endsAt = "2031-06-01T20:00:00Z", timeZone = "Europe/London", location = x },
            }));
            return [(w.MemberBrowser, t["url"]!.GetValue<string>()), (w.MemberBrowser, $"/c/{w.Public.Slug}/events")];
        },
        ["flag note and rule quote"] = async (app, w, x) =>
        {
            var t = await w.A.NewTopicAsync(w.Public.Slug, "Flag me");
            await Created(await w.B.FlagAsync(new { postId = t["posts"]![0]!.Id(), reason = "BreaksRules", ruleQuote = x, note = x }));
            return [(w.ModeratorBrowser, $"/c/{w.Public.Slug}/moderation")];
        },
        ["moderation reason"] = async (app, w, x) =>
        {
            var t = await w.B.NewTopicAsync(w.Public.Slug, "Hide me");
            var hidden = await w.Moderator.HideAsync(t["posts"]![0]!.Id(), x);
            var action = hidden["actionId"]!.GetValue<long>();
            return [(w.ModeratorBrowser, $"/c/{w.Public.Slug}/moderation/log"), (w.MemberBrowser, $"/moderation/actions/{action}"), (w.MemberBrowser, "/notifications")];
        },
        ["warning message"] = async (app, w, x) =>
        {
            await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Public.Slug}/members/{w.B.UserName}/warn", new { message = x })).ShouldBe(HttpStatusCode.OK);
            return [(w.MemberBrowser, "/notifications")];
        },
        ["appeal reason"] = async (app, w, x) =>
        {
            var t = await w.B.NewTopicAsync(w.Public.Slug, "Appeal me");
            var hidden = await w.Moderator.HideAsync(t["posts"]![0]!.Id(), "Because.");
            await (await w.B.PostAsync($"/api/v1/moderation/actions/{hidden["actionId"]!.GetValue<long>()}/appeal", new { reason = x })).ShouldBe(HttpStatusCode.OK);
            return [(w.ModeratorBrowser, $"/c/{w.Public.Slug}/moderation"), (w.MemberBrowser, $"/moderation/actions/{hidden["actionId"]!.GetValue<long>()}")];
        },
        ["search query"] = (app, w, x) => Task.FromResult<IReadOnlyList<(Browser, string)>>([(w.MemberBrowser, "/search?q=" + Uri.EscapeDataString(x))]),
    };

    public static TheoryData<string, int> InjectionCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in Fields.Keys)
            for (var v = 0; v < Vectors.Length; v++) data.Add(field, v);
        return data;
    }

    [Theory, MemberData(nameof(InjectionCases))]
    public async Task No_text_field_carries_script_into_a_page(string field, int vector)
    {
        var w = await Arena.ForAsync(app);
        var marker = $"xss{vector}q{Guid.NewGuid().ToString("n")[..6]}";
        var payload = $"{marker} {Vectors[vector]}";
        var pages = await Fields[field](app, w, payload);
        var shown = false;
        foreach (var (reader, url) in pages)
        {
            var (response, page) = await reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}: GET {url} answered {(int)response.StatusCode}");
            page.ShouldCarryNoScript($"{field} on {url}");
            shown |= page.Body?.TextContent.Contains(marker, StringComparison.Ordinal) == true
                || page.All.Any(e => e.Attributes.Any(a => a.Value.Contains(marker, StringComparison.Ordinal)));
        }
        Assert.True(shown, $"{field}: the planted text shows on none of {string.Join(", ", pages.Select(p => p.Url))}, so the check proved nothing");
    }

    [Theory, MemberData(nameof(TagVectors))]
    public async Task Tags_that_are_not_slugs_are_refused(int vector)
    {
        var w = await Arena.ForAsync(app);
        var response = await w.A.PostAsync($"/api/v1/communities/{w.Public.Slug}/topics", new { title = "Tagged", body = "b", tags = new[] { Vectors[vector] } });
        var body = await response.ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(body["errors"]!["tags"]);
    }

    public static TheoryData<int> TagVectors() => [.. Enumerable.Range(0, Vectors.Length)];

    /// <summary>Every write the sweep throws bad bodies at, sent by the steward so that only the input can be wrong.</summary>
    private static readonly Dictionary<string, Func<Arena, (HttpMethod, string)>> Writes = new()
    {
        ["create community"] = w => (HttpMethod.Post, "/api/v1/communities"),
        ["edit community"] = w => (HttpMethod.Patch, $"/api/v1/communities/{w.Public.Slug}"),
        ["start topic"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/topics"),
        ["reply"] = w => (HttpMethod.Post, $"/api/v1/topics/{w.Public.TopicId}/posts"),
        ["flag"] = w => (HttpMethod.Post, "/api/v1/flags"),
        ["vote on answer"] = w => (HttpMethod.Post, $"/api/v1/posts/{w.Public.AnswerId}/vote"),
        ["vote for idea"] = w => (HttpMethod.Post, $"/api/v1/topics/{w.Public.IdeaId}/vote"),
        ["accept answer"] = w => (HttpMethod.Post, $"/api/v1/topics/{w.Public.QuestionId}/accept"),
        ["idea status"] = w => (HttpMethod.Post, $"/api/v1/topics/{w.Public.IdeaId}/status"),
        ["rsvp"] = w => (HttpMethod.Post, $"/api/v1/topics/{w.Public.EventId}/rsvp"),
        ["change role"] = w => (HttpMethod.Put, $"/api/v1/communities/{w.Public.Slug}/members/{w.B.UserName}/role"),
        ["add space"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/spaces"),
        ["join"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/join"),
        ["register"] = w => (HttpMethod.Post, "/api/v1/users"),
        ["issue token"] = w => (HttpMethod.Post, "/api/v1/tokens"),
        ["invite"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/invitations"),
        ["hide post"] = w => (HttpMethod.Post, $"/api/v1/posts/{w.Public.ReplyId}/hide"),
        ["suspend member"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/members/{w.B.UserName}/suspend"),
        ["slow mode"] = w => (HttpMethod.Put, $"/api/v1/topics/{w.Public.TopicId}/slow-mode"),
        ["moderation settings"] = w => (HttpMethod.Patch, $"/api/v1/communities/{w.Public.Slug}/moderation/settings"),
        ["watched word"] = w => (HttpMethod.Post, $"/api/v1/communities/{w.Public.Slug}/watched-words"),
        ["resolve flag"] = w => (HttpMethod.Post, "/api/v1/flags/1/resolve"),
    };

    private static readonly string Huge = new('x', 60_000);
    private static readonly string Enormous = new('y', 1_000_000);

    private static string Fill(string value) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["title"] = value,
        ["body"] = value,
        ["name"] = value,
        ["slug"] = value,
        ["purpose"] = value,
        ["values"] = value,
        ["rules"] = value,
        ["note"] = value,
        ["reason"] = value,
        ["message"] = value,
        ["word"] = value,
        ["userName"] = value,
        ["email"] = value,
        ["password"] = value,
        ["userNameOrEmail"] = value,
        ["role"] = value,
        ["visibility"] = value,
        ["domain"] = value,
        ["status"] = value,
        ["response"] = value,
        ["decision"] = value,
        ["description"] = value,
    });

    private static readonly Dictionary<string, string?> Bodies = new()
    {
        ["bad JSON"] = """{"title": "x", "body": """,
        ["wrong types"] = """{"title":{"a":1},"body":12,"value":"high","postId":"x","topicId":[1],"reason":7,"role":3,"name":[],"slug":{},"kind":5,"acceptRulesVersion":"v","response":9,"userName":1,"email":2,"password":3,"seconds":"many","flagsToHide":"lots","days":"forever","publicLog":"yes"}""",
        ["unknown enum values"] = """{"role":"Emperor","kind":"Bogus","visibility":"Secret","joinPolicy":"Bribe","value":7,"response":"Perhaps","decision":"Maybe","action":"Nuke","status":"Conquered","acceptRulesVersion":-1,"seconds":-5,"days":-3,"flagsToHide":-1}""",
        ["negative and huge numbers"] = """{"postId":-1,"topicId":-9223372036854775808,"value":2147483648,"acceptRulesVersion":99999999999,"seconds":1e40,"days":1e40,"capacity":-1,"flagsToHide":1e40,"rulesVersion":-1,"publicLog":5,"name":-1}""",
        ["fields over their limits"] = Fill(Huge),
        ["a megabyte in every field"] = Fill(Enormous),
        ["NUL characters in every field"] = Fill("a\u0000b"),
        ["empty body"] = null,
        ["an array"] = "[1,2,3]",
        ["null"] = "null",
        ["a bare number"] = "42",
    };

    public static TheoryData<string, string> MalformedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var write in Writes.Keys)
            foreach (var body in Bodies.Keys) data.Add(write, body);
        return data;
    }

    [Theory, MemberData(nameof(MalformedCases))]
    public async Task Malformed_and_oversized_input_is_a_4xx_problem_never_a_500(string write, string body)
    {
        var w = await Arena.ForAsync(app);
        var (method, url) = Writes[write](w);
        var raw = Bodies[body];
        HttpContent content = raw is null ? new ByteArrayContent([]) : Api.RawJson(raw);
        if (raw is null) content.Headers.ContentType = new("application/json");
        await (await app.SendAsync(new Attempt(w.Steward, method, url, content))).ShouldBeRefusedAsync();
    }

    private static readonly Dictionary<string, Func<Arena, string>> Urls = new()
    {
        ["negative topic id"] = w => "/api/v1/topics/-1",
        ["zero topic id"] = w => "/api/v1/topics/0",
        ["topic id past long"] = w => "/api/v1/topics/99999999999999999999",
        ["negative post id vote"] = w => "/api/v1/posts/-5/vote",
        ["negative action id"] = w => "/api/v1/moderation/actions/-1",
        ["negative topic page"] = w => "/t/-1/x",
        ["very long community slug"] = w => "/api/v1/communities/" + new string('a', 5000),
        ["very long community slug topics"] = w => "/api/v1/communities/" + new string('a', 3000) + "/topics",
        ["very long community page"] = w => "/c/" + new string('a', 5000),
        ["very long space page"] = w => $"/c/{w.Public.Slug}/s/" + new string('s', 3000),
        ["very long user page"] = w => "/u/" + new string('u', 5000),
        ["very long invitation token"] = w => "/api/v1/invitations/" + new string('t', 5000),
        ["markup in a slug"] = w => "/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        ["traversal in a slug"] = w => "/api/v1/communities/..%2F..%2Fetc%2Fpasswd/topics",
        ["control character in a slug"] = w => "/api/v1/communities/a%0Ab%01",
        ["garbage cursor"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?cursor=!!!!",
        ["cursor of the wrong shape"] = w => $"/api/v1/topics/{w.Public.TopicId}?cursor=" + Hearth.Platform.Web.Page.Encode("a|b|c|d"),
        ["negative limit"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?limit=-5",
        ["huge limit"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?limit=2147483647",
        ["limit not a number"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?limit=abc",
        ["unknown sort"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?sort=chaos",
        ["unknown flag state"] = w => $"/api/v1/communities/{w.Public.Slug}/flags?state=Bogus",
        ["a word beside a quoted phrase"] = w => "/api/v1/search?q=" + Uri.EscapeDataString("bread \"sour dough\""),
        ["NUL in a search"] = w => "/api/v1/search?q=a%00b",
        ["NUL in a search page"] = w => "/search?q=a%00b",
        ["NUL in a topic cursor"] = w => $"/api/v1/communities/{w.Public.Slug}/topics?cursor=" + Hearth.Platform.Web.Page.Encode("1\u0000|2"),
        ["very long search"] = w => "/api/v1/search?q=" + new string('q', 5000),
        ["search of operators"] = w => "/api/v1/search?q=" + Uri.EscapeDataString("\"unclosed AND OR NOT ( * NEAR/ :"),
        ["search page of operators"] = w => "/search?q=" + Uri.EscapeDataString("\") OR 1=1 -- *"),
        ["garbage moderation cursor"] = w => $"/api/v1/communities/{w.Public.Slug}/moderation/log?cursor=%%%",
    };

    public static TheoryData<string> UrlCases() => [.. Urls.Keys];

    [Theory, MemberData(nameof(UrlCases))]
    public async Task Odd_addresses_never_answer_500(string name)
    {
        var w = await Arena.ForAsync(app);
        var url = Urls[name](w);
        var api = url.StartsWith("/api/", StringComparison.Ordinal);
        var response = api || name.Contains("vote", StringComparison.Ordinal)
            ? await app.SendAsync(new Attempt(w.Moderator, name.Contains("vote", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, url, name.Contains("vote", StringComparison.Ordinal) ? new { value = 1 } : null))
            : (await w.MemberBrowser.GetAsync(url)).Response;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{name}: {url[..Math.Min(url.Length, 120)]} answered {status}: {text[..Math.Min(text.Length, 300)]}");
        if (api && status >= 400)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{name} answered {status} without problem details");
    }

    private delegate Task Replay(HearthApp app, Arena w, Member invitee, Member other, string token, int rulesVersion);

    private static Task<HttpResponseMessage> AcceptAsync(Member m, string token, int version) =>
        m.PostAsync($"/api/v1/invitations/{Uri.EscapeDataString(token)}/accept", new { acceptRulesVersion = version });

    private static readonly Dictionary<string, Replay> Replays = new()
    {
        ["the invitee accepts twice"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
            await (await AcceptAsync(me, token, v)).ShouldBeRefusedAsync(HttpStatusCode.Conflict);
        },
        ["someone else replays a used token"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
            await (await AcceptAsync(other, token, v)).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
            await (await other.GetAsync($"/api/v1/topics/{w.Private.TopicId}")).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
        },
        ["someone else takes an unused token"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(other, token, v)).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
        },
        ["the invitee leaves and replays the token"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
            await me.LeaveAsync(w.Private.Slug);
            await (await AcceptAsync(me, token, v)).ShouldBeRefusedAsync(HttpStatusCode.Conflict);
            await (await me.GetAsync($"/api/v1/topics/{w.Private.TopicId}")).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
        },
        ["a banned invitee replays the token"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
            await (await w.Steward.PostAsync($"/api/v1/communities/{w.Private.Slug}/members/{me.UserName}/ban", new { reason = "Abuse." })).ShouldBe(HttpStatusCode.OK);
            await (await AcceptAsync(me, token, v)).ShouldBeRefusedAsync();
            await (await me.GetAsync($"/api/v1/topics/{w.Private.TopicId}")).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
        },
        ["a token with one character changed"] = async (app, w, me, other, token, v) =>
        {
            var altered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
            await (await AcceptAsync(me, altered, v)).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
        },
        ["the invitation page after use"] = async (app, w, me, other, token, v) =>
        {
            await (await AcceptAsync(me, token, v)).ShouldBe(HttpStatusCode.OK);
            var browser = Browser.Open(app);
            await browser.SignInAsync(other.UserName);
            var (response, page) = await browser.GetAsync($"/invitations/{Uri.EscapeDataString(token)}");
            Assert.True((int)response.StatusCode < 500);
            if (page.QuerySelector("form") is not null && response.StatusCode == HttpStatusCode.OK)
            {
                var posted = await browser.SubmitAsync($"/invitations/{Uri.EscapeDataString(token)}", "form", new Dictionary<string, string>());
                Assert.True((int)posted.StatusCode < 500);
            }
            await (await other.GetAsync($"/api/v1/topics/{w.Private.TopicId}")).ShouldBeRefusedAsync(HttpStatusCode.NotFound);
        },
    };

    public static TheoryData<string> ReplayCases() => [.. Replays.Keys];

    [Theory, MemberData(nameof(ReplayCases))]
    public async Task Invitation_tokens_work_once_for_their_invitee(string name)
    {
        var w = await Arena.ForAsync(app);
        var invitee = await app.NewMemberAsync("invitee");
        var other = await app.NewMemberAsync("other");
        var invitation = await (await w.Steward.PostAsync($"/api/v1/communities/{w.Private.Slug}/invitations", new { userName = invitee.UserName })).ShouldBe(HttpStatusCode.Created);
        var version = (await w.Steward.GetJsonAsync($"/api/v1/communities/{w.Private.Slug}"))["rulesVersion"]!.GetValue<int>();
        await Replays[name](app, w, invitee, other, invitation["token"]!.GetValue<string>(), version);
    }

    public static IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>
    {
        ["script injection"] = InjectionCases().Count + TagVectors().Count,
        ["oversized and malformed input"] = MalformedCases().Count + UrlCases().Count,
        ["invitation replay"] = ReplayCases().Count,
    };
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AbuseSweepInputsOnSqlite(SqliteApp app) : AbuseSweepInputsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AbuseSweepInputsOnPostgres(PostgresApp app) : AbuseSweepInputsSpec(app);
