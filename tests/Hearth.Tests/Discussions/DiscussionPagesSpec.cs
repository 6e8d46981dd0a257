using System.Net;
using AngleSharp.Dom;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Discussions;

public abstract class DiscussionPagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync()
    {
        var member = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    [Fact]
    public async Task The_community_home_lists_its_spaces_and_latest_topics()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await steward.AddSpaceAsync(slug, "help", "Questions", "Help desk");
        var topic = await steward.NewTopicAsync(slug, "Say hello here");

        var page = await Browser.Open(app).PageAsync($"/c/{slug}");
        Assert.NotNull(page.QuerySelector($"a[href='/c/{slug}/s/general']"));
        Assert.NotNull(page.QuerySelector($"a[href='/c/{slug}/s/help']"));
        var link = Assert.Single(page.QuerySelectorAll("ul.topics a.title"));
        Assert.Equal("Say hello here", link.TextContent.Trim());
        Assert.Equal(topic["url"]!.GetValue<string>(), link.GetAttribute("href"));
        Assert.Null(page.QuerySelector("form#new-space"));
    }

    [Fact]
    public async Task A_steward_adds_a_space_from_the_community_home_and_others_cannot()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();

        var added = await browser.SubmitAsync($"/c/{slug}", "form#new-space", new Dictionary<string, string>
        {
            ["Name"] = "Show and tell",
            ["Slug"] = "show",
            ["Kind"] = "Articles",
            ["Description"] = "What you made",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/c/{slug}/s/show", Location(added));
        var space = await browser.PageAsync($"/c/{slug}/s/show");
        Assert.Equal("Show and tell", space.QuerySelector("h1")!.ChildNodes.OfType<IText>().First().Text.Trim());

        var duplicate = await browser.SubmitAsync($"/c/{slug}/spaces", "form#new-space", new Dictionary<string, string>
        {
            ["Name"] = "Again",
            ["Slug"] = "show",
            ["Kind"] = "Discussion",
        });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var bad = await browser.SubmitAsync($"/c/{slug}/spaces", "form#new-space", new Dictionary<string, string>
        {
            ["Name"] = "",
            ["Slug"] = "No Good",
            ["Kind"] = "Discussion",
        });
        var errors = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync()).QuerySelectorAll(".field-error");
        Assert.True(errors.Length >= 2);
        Assert.Equal(2, (await steward.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray().Count);

        var (member, memberBrowser) = await SignedInAsync();
        await member.JoinAsync(slug);
        Assert.Null((await memberBrowser.PageAsync($"/c/{slug}")).QuerySelector("form#new-space"));
        var spacesPage = await memberBrowser.PageAsync($"/c/{slug}/spaces");
        Assert.Null(spacesPage.QuerySelector("form#new-space"));
        var token = spacesPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await memberBrowser.Http.PostAsync($"/c/{slug}/spaces", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Name"] = "Mine",
            ["Slug"] = "mine",
            ["Kind"] = "Discussion",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(2, (await steward.GetJsonAsync($"/api/v1/communities/{slug}/spaces"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_member_starts_a_topic_from_the_space_page_and_lands_on_it()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();
        var (member, memberBrowser) = await SignedInAsync();
        await member.JoinAsync(slug);

        var posted = await memberBrowser.SubmitAsync($"/c/{slug}/s/general", "form#new-topic", new Dictionary<string, string>
        {
            ["Title"] = "Which tools do you use?",
            ["Body"] = "I use *many*.",
            ["Tags"] = "tools, Workflow",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var url = Location(posted);
        Assert.Matches(@"^/t/\d+/which-tools-do-you-use$", url);

        var page = await browser.PageAsync(url);
        Assert.Equal("Which tools do you use?", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"nav a[href='/c/{slug}']"));
        Assert.NotNull(page.QuerySelector($"nav a[href='/c/{slug}/s/general']"));
        var post = Assert.Single(page.QuerySelectorAll("article.post"));
        Assert.Equal("many", post.QuerySelector(".prose em")!.TextContent);
        Assert.NotNull(post.QuerySelector($"a[href='/u/{member.UserName}']"));
        Assert.NotNull(post.QuerySelector("time[datetime]"));
        Assert.Equal(["tools", "workflow"], page.QuerySelectorAll(".tag").Select(t => t.TextContent));

        var list = await browser.PageAsync($"/c/{slug}/s/general");
        var item = Assert.Single(list.QuerySelectorAll("ul.topics > li"));
        Assert.Equal(url, item.QuerySelector("a.title")!.GetAttribute("href"));
        Assert.Contains("0 replies", item.QuerySelector("[data-testid=reply-count]")!.TextContent);
    }

    [Fact]
    public async Task The_space_page_pages_through_topics_with_a_more_link()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var ids = new List<long>();
        for (var i = 0; i < 31; i++) ids.Add(await steward.NewTopicIdAsync(slug, $"Topic {i:00}"));
        var browser = Browser.Open(app);

        var first = await browser.PageAsync($"/c/{slug}/s/general");
        var firstIds = first.QuerySelectorAll("ul.topics > li").Select(li => long.Parse(li.GetAttribute("data-topic-id")!)).ToList();
        Assert.Equal(30, firstIds.Count);
        Assert.Equal(ids[30], firstIds[0]);
        var second = await browser.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal([ids[0]], second.QuerySelectorAll("ul.topics > li").Select(li => long.Parse(li.GetAttribute("data-topic-id")!)));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        await browser.PageAsync($"/c/{slug}/s/general?cursor=not-a-cursor", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_topic_form_with_bad_fields_shows_the_errors_and_writes_nothing()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();

        var response = await browser.SubmitAsync($"/c/{slug}/s/general", "form#new-topic", new Dictionary<string, string>
        {
            ["Title"] = "no",
            ["Body"] = "",
            ["Tags"] = "a b c d e f",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var form = page.QuerySelector("form#new-topic")!;
        Assert.Equal(3, form.QuerySelectorAll(".field-error").Length);
        Assert.Equal("no", (form.QuerySelector("#Title") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Equal(0, (await app.FootprintAsync(slug)).Topics);
    }

    [Fact]
    public async Task The_reply_form_posts_a_reply_and_lands_on_its_anchor()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug);
        var url = topic["url"]!.GetValue<string>();
        var opening = topic["posts"]![0]!.Id();

        var replied = await browser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "A **bold** reply." });
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal($"{url}#post-2", Location(replied));

        // "Reply to this" carries the post in the address, and the form sends it as ReplyTo.
        var page = await browser.PageAsync(url);
        var replyLink = page.QuerySelector("#post-1 footer a")!.GetAttribute("href")!;
        var answered = await browser.SubmitAsync(replyLink.Split('#')[0], "form#reply", new Dictionary<string, string> { ["Body"] = "Answering the first." });
        Assert.Equal($"{url}#post-3", Location(answered));

        page = await browser.PageAsync(url);
        Assert.Equal(3, page.QuerySelectorAll("article.post").Length);
        Assert.Equal("bold", page.QuerySelector("#post-2 .prose strong")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#post-3 a[href='{url}#post-1']"));
        var json = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal(opening, json["posts"]![2]!["replyTo"]!.GetValue<long>());
        Assert.Equal(2, json["replyCount"]!.GetValue<int>());

        var empty = await browser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(3, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task A_reply_beyond_the_first_page_lands_on_the_page_that_holds_it()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug);
        for (var i = 0; i < 30; i++) await steward.ReplyAsync(topic.Id(), $"Reply {i}");
        var url = topic["url"]!.GetValue<string>();

        var first = await browser.PageAsync(url);
        Assert.Equal(30, first.QuerySelectorAll("article.post").Length);
        var more = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await browser.PageAsync(more);
        Assert.Equal(["post-31"], second.QuerySelectorAll("article.post").Select(a => a.Id));

        var replied = await browser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "Number 32." });
        var location = Location(replied);
        Assert.EndsWith("#post-32", location);
        Assert.NotNull((await browser.PageAsync(location.Split('#')[0])).QuerySelector("#post-32"));
    }

    [Fact]
    public async Task Readers_who_may_not_post_get_no_forms_and_are_told_why()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug);
        var url = topic["url"]!.GetValue<string>();
        var (_, outsider) = await SignedInAsync();

        foreach (var browser in new[] { Browser.Open(app), outsider })
        {
            var page = await browser.PageAsync(url);
            Assert.Single(page.QuerySelectorAll("article.post"));
            Assert.Null(page.QuerySelector("form#reply"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=why-not-post]")?.TextContent));
            var space = await browser.PageAsync($"/c/{slug}/s/general");
            Assert.Null(space.QuerySelector("form#new-topic"));
            Assert.False(string.IsNullOrWhiteSpace(space.QuerySelector("[data-testid=why-not-post]")?.TextContent));
        }

        // Posting the form anyway (with a valid antiforgery token from the layout's sign-out form) is refused.
        var outsiderPage = await outsider.PageAsync(url);
        var token = outsiderPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await outsider.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Body"] = "Let me in.",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, (await app.FootprintAsync(slug)).Posts);
    }

    [Fact]
    public async Task A_locked_topic_says_so_instead_of_offering_the_reply_form()
    {
        var (steward, browser) = await SignedInAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug);
        await app.LockAsync(topic.Id());

        var page = await browser.PageAsync(topic["url"]!.GetValue<string>());
        Assert.Null(page.QuerySelector("form#reply"));
        Assert.Contains("locked", page.QuerySelector("[data-testid=why-not-post]")!.TextContent);
    }

    [Fact]
    public async Task A_topic_address_without_or_with_a_stale_slug_redirects_to_the_canonical_one()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "Canonical addresses");
        var id = topic.Id();
        var browser = Browser.Open(app);

        foreach (var address in new[] { $"/t/{id}", $"/t/{id}/old-title" })
        {
            var (response, _) = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/t/{id}/canonical-addresses", Location(response));
        }
        var (missing, _) = await browser.GetAsync($"/t/{id + 100_000}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Member_markdown_cannot_run_script_on_the_topic_page()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "<b>Bold title</b>",
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");

        var page = await Browser.Open(app).PageAsync(topic["url"]!.GetValue<string>());
        var post = Assert.Single(page.QuerySelectorAll("article.post"));
        Assert.Empty(post.QuerySelectorAll("script"));
        Assert.Empty(post.QuerySelectorAll("img"));
        Assert.Empty(post.QuerySelectorAll("[onerror]"));
        Assert.DoesNotContain(post.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", post.QuerySelector(".prose")!.TextContent);
        Assert.Equal("<b>Bold title</b>", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("h1 b"));
    }

    [Fact]
    public async Task Hidden_topics_and_spaces_are_not_found_pages()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(b => b["visibility"] = "Restricted");
        var topic = await steward.NewTopicAsync(slug);
        var (_, outsider) = await SignedInAsync();

        foreach (var browser in new[] { Browser.Open(app), outsider })
        {
            await browser.PageAsync(topic["url"]!.GetValue<string>(), HttpStatusCode.NotFound);
            await browser.PageAsync($"/t/{topic.Id()}", HttpStatusCode.NotFound);
            await browser.PageAsync($"/c/{slug}/s/general", HttpStatusCode.NotFound);
            await browser.PageAsync($"/c/{slug}/spaces", HttpStatusCode.NotFound);
            var home = await browser.PageAsync($"/c/{slug}");
            Assert.Empty(home.QuerySelectorAll("ul.topics"));
        }
        await Browser.Open(app).PageAsync($"/c/{slug}/s/nowhere", HttpStatusCode.NotFound);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class DiscussionPagesOnSqlite(SqliteApp app) : DiscussionPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class DiscussionPagesOnPostgres(PostgresApp app) : DiscussionPagesSpec(app);
