using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.Moderation;

/// <summary>
/// The world the abuse sweep attacks, built once per app: a Private (invitation), a Restricted and a Public community,
/// each with a discussion topic and a reply, a question and an answer, an idea and an event. The author (A) and
/// another member (B) are in all three, a moderator (M) in the Public one; the outsider (O) is in none.
/// </summary>
public sealed record Arena(Member Steward, Member Moderator, Member A, Member B, Member Outsider, IReadOnlyDictionary<string, Place> Places,
    Browser OutsiderBrowser, Browser MemberBrowser, Browser ModeratorBrowser)
{
    public Place Private => Places["Private"];
    public Place Restricted => Places["Restricted"];
    public Place Public => Places["Public"];

    private static readonly ConditionalWeakTable<HearthApp, Lazy<Task<Arena>>> Arenas = new();

    public static Task<Arena> ForAsync(HearthApp app) => Arenas.GetValue(app, a => new Lazy<Task<Arena>>(() => BuildAsync(a))).Value;

    private static async Task<Arena> BuildAsync(HearthApp app)
    {
        var steward = await app.NewMemberAsync("s");
        var moderator = await app.NewMemberAsync("m");
        var a = await app.NewMemberAsync("a");
        var b = await app.NewMemberAsync("b");
        var outsider = await app.NewMemberAsync("o");
        var places = new Dictionary<string, Place>();
        foreach (var visibility in new[] { "Private", "Restricted", "Public" })
        {
            var slug = await steward.NewCommunityAsync(c =>
            {
                c["visibility"] = visibility;
                c["joinPolicy"] = visibility == "Private" ? "Invitation" : "Open";
            });
            foreach (var m in new[] { a, b, moderator })
            {
                if (visibility == "Private") await steward.InviteInAsync(slug, m);
                else await m.JoinAsync(slug);
            }
            await steward.MakeModeratorAsync(slug, moderator);
            await steward.AddSpaceAsync(slug, "help", "Questions");
            await steward.AddSpaceAsync(slug, "ideas", "Ideas");
            await steward.AddSpaceAsync(slug, "meets", "Events");
            var secret = "secret" + slug;
            var topic = await a.NewTopicAsync(slug, "Topic of " + secret, "Body " + secret);
            var reply = await b.ReplyAsync(topic.Id(), "Reply " + secret);
            var question = await a.NewTopicAsync(slug, "Question " + secret, "How?", space: "help");
            var answer = await b.ReplyAsync(question.Id(), "Answer " + secret);
            var idea = await a.NewTopicAsync(slug, "Idea " + secret, "What if?", space: "ideas");
            var ev = await (await a.PostAsync($"/api/v1/communities/{slug}/topics", new
            {
                space = "meets",
                title = "Meet " + secret,
                body = "Come.",
                @event = new { startsAt = "2031-05-01T18:00:00Z", endsAt = "2031-05-01T20:00:00Z", timeZone = "Europe/London", location = "Hall" },
            })).ShouldBe(HttpStatusCode.Created);
            places[visibility] = new Place(slug, secret, topic.Id(), topic["posts"]![0]!.Id(), reply.Id(), question.Id(), answer.Id(), idea.Id(), ev.Id());
        }
        // The first account on an instance is its admin; whoever that is, nobody in the arena may be one.
        await app.ExecAsync("UPDATE users SET is_admin = FALSE WHERE id IN (@S, @M, @A, @B, @O)",
            new { S = steward.Id, M = moderator.Id, A = a.Id, B = b.Id, O = outsider.Id });
        var outsiderBrowser = Browser.Open(app);
        await outsiderBrowser.SignInAsync(outsider.UserName);
        var memberBrowser = Browser.Open(app);
        await memberBrowser.SignInAsync(b.UserName);
        var moderatorBrowser = Browser.Open(app);
        await moderatorBrowser.SignInAsync(moderator.UserName);
        return new Arena(steward, moderator, a, b, outsider, places, outsiderBrowser, memberBrowser, moderatorBrowser);
    }
}

public sealed record Place(string Slug, string Secret, long TopicId, long FirstPostId, long ReplyId, long QuestionId, long AnswerId, long IdeaId, long EventId);

/// <summary>One attempt: who sends what where. A page attempt is a GET through that member's browser.</summary>
public sealed record Attempt(Member? Who, HttpMethod Method, string Url, object? Body = null, Browser? Page = null, bool AnonymousPage = false);

public static class Sweep
{
    public static async Task<HttpResponseMessage> SendAsync(this HearthApp app, Attempt attempt)
    {
        if (attempt.AnonymousPage) return (await Browser.Open(app).GetAsync(attempt.Url)).Response;
        if (attempt.Page is { } browser) return (await browser.GetAsync(attempt.Url)).Response;
        var client = attempt.Who?.Http ?? app.CreateClient();
        using var request = new HttpRequestMessage(attempt.Method, attempt.Url);
        if (attempt.Body is HttpContent content) request.Content = content;
        else if (attempt.Body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(attempt.Body);
        return await client.SendAsync(request);
    }

    /// <summary>What the sweep asks of every refusal: a 4xx (never a 500), as problem details on the API.</summary>
    public static async Task<string> ShouldBeRefusedAsync(this HttpResponseMessage response, params HttpStatusCode[] allowed)
    {
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(status is >= 400 and < 500, $"{where} answered {status}: {Cut(text)}");
        if (allowed.Length > 0) Assert.True(allowed.Contains(response.StatusCode), $"{where} answered {status}, expected {string.Join("/", allowed)}: {Cut(text)}");
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) == true && status != 405)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{where} answered {status} without problem details: {Cut(text)}");
        return text;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>Member text must never become script: no script elements, no on* handlers, no javascript: targets.</summary>
    public static void ShouldCarryNoScript(this IDocument page, string url)
    {
        // The site's own modules are external files from this origin; anything else is an injected script.
        Assert.Empty(page.QuerySelectorAll("script")
            .Where(s => s.TextContent.Trim().Length > 0 || s.GetAttribute("src") is not { } src || !src.StartsWith('/') || src.StartsWith("//", StringComparison.Ordinal))
            .Select(s => s.OuterHtml));
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{url}: <{element.LocalName} {attribute.Name}=...>");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data")
                    Assert.False(attribute.Value.Trim().Replace("\t", "", StringComparison.Ordinal).StartsWith("javascript:", StringComparison.OrdinalIgnoreCase),
                        $"{url}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
            }
        }
        Assert.Empty(page.QuerySelectorAll("iframe, object, embed, base, form[action^=javascript]"));
    }
}
