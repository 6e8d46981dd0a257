using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Tests.Announcements;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Conversation;

/// <summary>The same conversation through the pages, without JavaScript, and the topic page's query budget.</summary>
public abstract class ConversationPagesSpec(HearthApp app)
{
    private async Task<Browser> SignedInAsync(Member member)
    {
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return browser;
    }

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    [Fact]
    public async Task A_reply_links_back_to_the_post_it_answers_and_quote_prefills_the_composer()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var url = topic["url"]!.GetValue<string>();
        await steward.ReplyAsync(topic.Id(), "Second thought.", replyTo: topic.Post(1).Id());
        var browser = await SignedInAsync(member);

        var page = await browser.PageAsync(url);
        var inReply = page.QuerySelector("#post-2 [data-testid=in-reply-to] a")!;
        Assert.Equal("#1", inReply.TextContent);
        Assert.Equal($"{url}#post-1", inReply.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#post-1"));

        var quoteUrl = page.QuerySelector("#post-1 a[data-testid=quote]")!.GetAttribute("href")!;
        var composer = await browser.PageAsync(quoteUrl);
        var body = ((IHtmlTextAreaElement)composer.QuerySelector("form#reply textarea[name=Body]")!).Value;
        Assert.StartsWith($"> [{steward.UserName} wrote]({url}#post-1):\n> Some **Markdown** body.", body);
        Assert.Equal(topic.Post(1).Id().ToString(System.Globalization.CultureInfo.InvariantCulture),
            composer.QuerySelector("form#reply input[name=ReplyTo]")!.GetAttribute("value"));

        var posted = await browser.SubmitAsync(quoteUrl, "form#reply", new Dictionary<string, string> { ["Body"] = body + "Agreed." });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith("#post-3", Location(posted));
        Assert.Single(await steward.NotificationsAsync("quote"));
        var after = await browser.PageAsync(url);
        Assert.NotNull(after.QuerySelector("#post-3 blockquote"));
        Assert.Equal($"{url}#post-1", after.QuerySelector("#post-3 [data-testid=in-reply-to] a")!.GetAttribute("href"));

        // Readers who may not reply get neither link; a quote of another topic's post prefills nothing.
        Assert.Null((await Browser.Open(app).PageAsync(url)).QuerySelector("a[data-testid=quote]"));
        var other = await steward.NewTopicAsync(slug, "Another topic");
        var foreign = await browser.PageAsync($"{other["url"]!.GetValue<string>()}?quote={topic.Post(1).Id()}");
        Assert.Equal("", ((IHtmlTextAreaElement)foreign.QuerySelector("form#reply textarea[name=Body]")!).Value);
    }

    [Fact]
    public async Task Members_react_with_plain_forms_and_readers_see_the_counts()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var url = topic["url"]!.GetValue<string>();
        var post = topic.Post(1).Id();
        var browser = await SignedInAsync(member);

        var reacted = await browser.SubmitAsync(url, $"form[action='/posts/{post}/react'][data-kind=thanks]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, reacted.StatusCode);
        Assert.EndsWith("#post-1", Location(reacted));
        var page = await browser.PageAsync(url);
        var button = page.QuerySelector("#post-1 [data-testid=react-thanks]")!;
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
        Assert.Equal("1", button.QuerySelector(".count")!.TextContent);

        var reader = await Browser.Open(app).PageAsync(url);
        Assert.Null(reader.QuerySelector("form[action$='/react']"));
        Assert.Equal("1", reader.QuerySelector("#post-1 [data-testid=reaction-thanks] .count")!.TextContent);
        var who = await Browser.Open(app).PageAsync($"/posts/{post}/reactions");
        Assert.Equal(member.UserName, who.QuerySelector("[data-testid=reactors] a")!.GetAttribute("href")![3..]);

        var taken = await browser.SubmitAsync(url, $"form[action='/posts/{post}/react'][data-kind=thanks]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal("false", (await browser.PageAsync(url)).QuerySelector("#post-1 [data-testid=react-thanks]")!.GetAttribute("aria-pressed"));

        // A forged form with an unknown kind is refused with the reason, and nothing is stored.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await browser.Http.PostAsync($"/posts/{post}/react", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Kind"] = "angry",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM post_reactions WHERE post_id = @Id", new { Id = post }));
    }

    [Fact]
    public async Task Authors_edit_from_the_page_and_readers_open_the_history()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await member.ReplyAsync(topic.Id(), "Meet at *noon*.");
        var url = topic["url"]!.GetValue<string>();
        var browser = await SignedInAsync(member);

        var page = await browser.PageAsync(url);
        Assert.NotNull(page.QuerySelector("#post-2 a[data-testid=edit]"));
        Assert.Null(page.QuerySelector("#post-1 a[data-testid=edit]"));
        var form = await browser.PageAsync($"/posts/{reply.Id()}/edit");
        Assert.Equal("Meet at *noon*.", ((IHtmlTextAreaElement)form.QuerySelector("form#edit-post textarea[name=Body]")!).Value);
        Assert.Null(form.QuerySelector("form#edit-post input[name=Title]"));
        var invalid = await browser.SubmitAsync($"/posts/{reply.Id()}/edit", "form#edit-post", new Dictionary<string, string> { ["Body"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var saved = await browser.SubmitAsync($"/posts/{reply.Id()}/edit", "form#edit-post", new Dictionary<string, string> { ["Body"] = "Meet at **one**." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("#post-2", Location(saved));

        var reader = await Browser.Open(app).PageAsync(url);
        Assert.Contains("one", reader.QuerySelector("#post-2 .prose")!.TextContent);
        var edited = reader.QuerySelector("#post-2 a[data-testid=edited]")!;
        Assert.Equal($"/posts/{reply.Id()}/revisions", edited.GetAttribute("href"));
        Assert.Null(reader.QuerySelector("#post-1 a[data-testid=edited]"));
        var history = await Browser.Open(app).PageAsync($"/posts/{reply.Id()}/revisions");
        var revisions = history.QuerySelectorAll("[data-testid=revisions] article");
        Assert.Equal(2, revisions.Length);
        Assert.Contains("one", revisions[0].QuerySelector(".prose")!.TextContent);
        Assert.Contains("noon", revisions[1].QuerySelector(".prose")!.TextContent);

        // The first post's form carries the topic's title; others may not open an edit form at all.
        var stewardBrowser = await SignedInAsync(steward);
        var retitled = await stewardBrowser.SubmitAsync($"/posts/{topic.Post(1).Id()}/edit", "form#edit-post",
            new Dictionary<string, string> { ["Title"] = "Where shall we meet on Friday" });
        Assert.Equal(HttpStatusCode.Redirect, retitled.StatusCode);
        Assert.Equal("Where shall we meet on Friday", (await Browser.Open(app).PageAsync(Location(retitled).Split('#')[0])).QuerySelector("h1")!.TextContent);
        var other = await app.NewMemberAsync("other");
        await other.JoinAsync(slug);
        await (await SignedInAsync(other)).PageAsync($"/posts/{reply.Id()}/edit", HttpStatusCode.Forbidden);
        var (_, _, _, privateTopic) = await app.ConversationAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        await (await SignedInAsync(other)).PageAsync($"/posts/{privateTopic.Post(1).Id()}/edit", HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/posts/{privateTopic.Post(1).Id()}/revisions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Authors_delete_and_restore_from_the_page_and_readers_see_a_placeholder()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        var reply = await member.ReplyAsync(topic.Id(), "Words I take back.");
        var url = topic["url"]!.GetValue<string>();
        var browser = await SignedInAsync(member);
        Assert.Null((await (await SignedInAsync(steward)).PageAsync(url)).QuerySelector($"form#delete-{reply.Id()}"));

        var deleted = await browser.SubmitAsync(url, $"form#delete-{reply.Id()}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var reader = await Browser.Open(app).PageAsync(url);
        Assert.Equal("This post was deleted by its author.", reader.QuerySelector("#post-2 [data-testid=post-placeholder]")!.TextContent);
        Assert.DoesNotContain("take back", reader.QuerySelector("#post-2")!.TextContent);
        Assert.Null(reader.QuerySelector("#post-2 [data-testid=reactions]"));
        Assert.Equal("0 replies", reader.QuerySelector("[data-testid=reply-count]")!.TextContent);

        var restored = await browser.SubmitAsync(url, $"form#restore-{reply.Id()}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("take back", (await Browser.Open(app).PageAsync(url)).QuerySelector("#post-2 .prose")!.TextContent);
    }

    [Fact]
    public async Task Moderators_lock_archive_and_move_from_the_topic_page_and_members_cannot()
    {
        var (slug, steward, member, topic) = await app.ConversationAsync();
        await steward.AddSpaceAsync(slug, "archive-room");
        var url = topic["url"]!.GetValue<string>();
        var memberBrowser = await SignedInAsync(member);
        Assert.Null((await memberBrowser.PageAsync(url)).QuerySelector("[data-testid=moderator-tools]"));
        var token = (await memberBrowser.PageAsync(url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await memberBrowser.Http.PostAsync($"/topics/{topic.Id()}/lock",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Value"] = "true" }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        var browser = await SignedInAsync(steward);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(url, "form#lock", new Dictionary<string, string>())).StatusCode);
        var locked = await memberBrowser.PageAsync(url);
        Assert.Null(locked.QuerySelector("form#reply"));
        Assert.Contains("locked", locked.QuerySelector("[data-testid=why-not-post]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(url, "form#lock", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(url, "form#archive", new Dictionary<string, string>())).StatusCode);
        var archived = await memberBrowser.PageAsync(url);
        Assert.NotNull(archived.QuerySelector("[data-testid=archived]"));
        Assert.Null(archived.QuerySelector("form#reply"));
        Assert.Null(archived.QuerySelector("form.reaction-form"));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(url, "form#move", new Dictionary<string, string> { ["Space"] = "archive-room" })).StatusCode);
        Assert.Equal("archive-room", (await memberBrowser.PageAsync(url)).QuerySelector("nav.meta a:last-child")!.GetAttribute("href")!.Split('/')[^1]);
        var refused = await browser.SubmitAsync(url, "form#move", new Dictionary<string, string> { ["Space"] = "nowhere" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task The_topic_page_runs_the_same_number_of_queries_for_five_posts_and_for_three_hundred()
    {
        var (slug, steward, member, shortTopic) = await app.ConversationAsync();
        await app.AddRepliesAsync(shortTopic.Id(), steward.Id, 4);
        var longTopic = await steward.NewTopicAsync(slug, "A very long conversation", tags: ["long"]);
        await app.AddRepliesAsync(longTopic.Id(), steward.Id, 299);
        foreach (var topic in new[] { shortTopic, longTopic })
        {
            var posts = (await member.GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["posts"]!.AsArray();
            foreach (var p in posts.Take(3))
            {
                var id = p!.Id();
                await (await member.ReactAsync(id, "like")).ShouldBe(HttpStatusCode.OK);
                await (await steward.ReactAsync(id, "thanks")).ShouldBe(HttpStatusCode.OK);
            }
        }

        async Task<int> CountAsync(Func<Task> request)
        {
            await request(); // warm-up, which also records the reader's position
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

        var anonymous = app.CreateClient();
        var browser = Browser.Open(app);
        var signedIn = await SignedInAsync(member);
        var counts = new Dictionary<string, (int Short, int Long)>();
        foreach (var (name, fetch) in new (string, Func<string, long, Task>)[]
        {
            ("json", async (_, id) => await anonymous.GetJsonAsync($"/api/v1/topics/{id}")),
            ("html", async (url, _) => await browser.PageAsync(url)),
            ("member json", async (_, id) => await member.GetJsonAsync($"/api/v1/topics/{id}")),
            ("member html", async (url, _) => await signedIn.PageAsync(url)),
        })
        {
            var s = await CountAsync(() => fetch(shortTopic["url"]!.GetValue<string>(), shortTopic.Id()));
            var l = await CountAsync(() => fetch(longTopic["url"]!.GetValue<string>(), longTopic.Id()));
            counts[name] = (s, l);
        }
        foreach (var (name, (s, l)) in counts)
        {
            Assert.True(s == l, $"{name}: {s} queries for 5 posts, {l} for 300.");
            Assert.InRange(l, 1, 4);
        }

        // The long topic is read in keyset pages of post numbers, reactions and all.
        var first = await member.GetJsonAsync($"/api/v1/topics/{longTopic.Id()}");
        Assert.Equal(30, first["posts"]!.AsArray().Count);
        Assert.Equal(2, first.Post(1)["reactions"]!.AsObject().Count);
        var second = await member.GetJsonAsync($"/api/v1/topics/{longTopic.Id()}?cursor={first["next"]!.GetValue<string>()}");
        Assert.Equal(Enumerable.Range(31, 30), second["posts"]!.AsArray().Select(p => p!["postNumber"]!.GetValue<int>()));
        var last = await member.GetJsonAsync($"/api/v1/topics/{longTopic.Id()}?cursor={Hearth.Platform.Web.Page.Encode("290")}");
        Assert.Equal(10, last["posts"]!.AsArray().Count);
        Assert.Null(last["next"]);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ConversationPagesOnSqlite(SqliteApp app) : ConversationPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ConversationPagesOnPostgres(PostgresApp app) : ConversationPagesSpec(app);
