using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Articles;

public abstract class ArticlePagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task The_article_page_shows_its_contributors_history_and_an_edit_link_to_editors()
    {
        var (steward, stewardBrowser) = await SignedInAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(slug);
        var id = await steward.NewArticleAsync(slug, "Release checklist", "1. Tag.\n");
        await member.EditOkAsync(id, "1. Tag.\n2. Announce.\n", 1, "Announce it");
        await steward.EditOkAsync(id, "1. Tag.\n2. Build.\n3. Announce.\n", 2, "Build first");

        var page = await stewardBrowser.PageAsync($"/t/{id}/release-checklist");
        var article = page.QuerySelector("[data-testid=article]")!;
        Assert.Equal("3", article.GetAttribute("data-revision"));
        Assert.Null(article.QuerySelector("[data-testid=draft]"));
        Assert.Equal($"/t/{id}/article/edit", article.QuerySelector("a[data-testid=edit-article]")!.GetAttribute("href"));
        var contributors = article.QuerySelectorAll("[data-testid=contributors] li").ToDictionary(li => li.GetAttribute("data-user")!, li => li.GetAttribute("data-edits"));
        Assert.Equal(new Dictionary<string, string?> { [steward.UserName] = "2", [member.UserName] = "1" }, contributors);
        Assert.Contains("2 edits", article.QuerySelector($"[data-user='{steward.UserName}']")!.TextContent);
        var history = article.QuerySelectorAll("[data-testid=history] li");
        Assert.Equal(["3", "2", "1"], history.Select(li => li.GetAttribute("data-revision")));
        Assert.Contains("Build first", history[0].TextContent);
        Assert.NotNull(history[0].QuerySelector($"a[href='/t/{id}/article/diff?from=2&to=3']"));
        Assert.Null(history[2].QuerySelector("a[href*='diff']"));
        // The body itself is the topic's first post, rendered.
        Assert.Equal(3, page.QuerySelectorAll("article.post .prose li").Length);

        var anonymous = await Browser.Open(app).PageAsync($"/t/{id}/release-checklist");
        Assert.Null(anonymous.QuerySelector("a[data-testid=edit-article]"));
        Assert.Contains("Sign in", anonymous.QuerySelector("[data-testid=why-not-edit]")!.TextContent);
        Assert.NotNull(anonymous.QuerySelector("[data-testid=contributors]"));

        // A discussion topic has none of this, and the article pages' addresses never hide a topic's own.
        foreach (var title in new[] { "Just a chat", "Make article", "Article" })
        {
            var discussion = await steward.NewTopicAsync(slug, title);
            var discussionPage = await Browser.Open(app).PageAsync(discussion["url"]!.GetValue<string>());
            Assert.Equal(title, discussionPage.QuerySelector("h1")!.TextContent.Trim());
            Assert.Null(discussionPage.QuerySelector("[data-testid=article]"));
        }
    }

    [Fact]
    public async Task A_member_edits_through_the_edit_page_and_lands_on_the_new_revision()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var (member, browser) = await SignedInAsync("member");
        await member.JoinAsync(slug);
        var id = await steward.NewArticleAsync(slug, "Onboarding", "Read the rules.\n");

        var form = (await browser.PageAsync($"/t/{id}/article/edit")).QuerySelector("form#edit-article")!;
        Assert.Equal("1", form.QuerySelector("input[type=hidden][name=BaseRevision]")!.GetAttribute("value"));
        Assert.Equal("Onboarding", form.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        Assert.Equal("Read the rules.\n", ((IHtmlTextAreaElement)form.QuerySelector("textarea[name=Body]")!).Value);
        Assert.NotNull(form.QuerySelector("label[for=Summary]"));

        var saved = await browser.SubmitAsync($"/t/{id}/article/edit", "form#edit-article", new Dictionary<string, string>
        {
            ["Title"] = "Onboarding newcomers",
            ["Body"] = "Read the rules.\r\nSay hello.\r\n",
            ["Summary"] = "Say hello",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/t/{id}/onboarding-newcomers", Location(saved));
        var page = await browser.PageAsync(Location(saved));
        Assert.Contains("Say hello.", page.QuerySelector("article.post .prose")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-testid=article]")!.GetAttribute("data-revision"));
        var revision = await member.GetJsonAsync($"/api/v1/topics/{id}/revisions/2");
        // Line ends are kept as \n whoever typed them.
        Assert.Equal("Read the rules.\nSay hello.\n", revision["body"]!.GetValue<string>());
        Assert.Equal(member.UserName, revision["author"]!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_edit_form_shows_a_conflict_keeps_the_text_and_then_saves_on_the_latest_revision()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var (member, browser) = await SignedInAsync("member");
        await member.JoinAsync(slug);
        var id = await steward.NewArticleAsync(slug, "Style guide", "Use tabs.\n");
        var loaded = await browser.PageAsync($"/t/{id}/article/edit");
        var token = loaded.QuerySelector("form#edit-article input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // Someone saves while the member is still typing.
        await steward.EditOkAsync(id, "Use spaces.\n", 1, "Spaces");

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["BaseRevision"] = "1",
            ["Title"] = "Style guide",
            ["Body"] = "Use tabs, always.\n",
            ["Summary"] = "Always",
        };
        var conflict = await browser.Http.PostAsync($"/t/{id}/article/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await ParseAsync(conflict);
        var message = page.QuerySelector("[data-testid=conflict]")!;
        Assert.Contains("revision 2", message.TextContent);
        Assert.NotNull(message.QuerySelector($"a[href='/t/{id}/article/diff?from=1&to=2']"));
        Assert.Equal("Use spaces.\n", ((IHtmlTextAreaElement)message.QuerySelector("textarea")!).Value);
        var form = page.QuerySelector("form#edit-article")!;
        Assert.Equal("Use tabs, always.\n", ((IHtmlTextAreaElement)form.QuerySelector("textarea[name=Body]")!).Value);
        Assert.Equal("2", form.QuerySelector("input[name=BaseRevision]")!.GetAttribute("value"));
        Assert.Equal(2, (await app.ArticleFootprintAsync(id)).Revisions);

        fields["BaseRevision"] = "2";
        var saved = await browser.Http.PostAsync($"/t/{id}/article/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Use tabs, always.\n", (await app.ArticleFootprintAsync(id)).Body);
    }

    [Fact]
    public async Task A_bad_edit_form_shows_the_errors_and_writes_nothing()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug);

        var response = await browser.SubmitAsync($"/t/{id}/article/edit", "form#edit-article", new Dictionary<string, string>
        {
            ["Title"] = new string('t', 201),
            ["Body"] = "",
            ["Summary"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await ParseAsync(response)).QuerySelectorAll("form#edit-article .field-error");
        Assert.True(errors.Length >= 3, $"Expected errors for title, body and summary, got {errors.Length}");
        Assert.Equal(1, (await app.ArticleFootprintAsync(id)).Revisions);
    }

    [Fact]
    public async Task The_edit_page_is_refused_to_those_who_may_not_edit()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync(policy: "Authors");
        var id = await steward.NewArticleAsync(slug);
        var (member, browser) = await SignedInAsync("member");
        await member.JoinAsync(slug);

        var (response, page) = await browser.GetAsync($"/t/{id}/article/edit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(page.QuerySelector("form#edit-article"));
        Assert.Contains("authors", page.QuerySelector("[data-testid=why-not-edit]")!.TextContent);
        var topicPage = await browser.PageAsync($"/t/{id}/how-we-run-backups");
        Assert.Null(topicPage.QuerySelector("a[data-testid=edit-article]"));
        var token = topicPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await browser.Http.PostAsync($"/t/{id}/article/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["BaseRevision"] = "1",
            ["Title"] = "Mine",
            ["Body"] = "Mine now.",
            ["Summary"] = "Taking over",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, (await app.ArticleFootprintAsync(id)).Revisions);

        // Signed out: sign in first. Hidden communities and non-articles: not found.
        var anonymous = await Browser.Open(app).GetAsync($"/t/{id}/article/edit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Response.StatusCode);
        var hidden = await steward.NewKnowledgeCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        var secret = await steward.NewArticleAsync(hidden);
        foreach (var url in new[] { $"/t/{secret}/article/edit", $"/t/{secret}/article/history", $"/t/{secret}/article/revisions/1", $"/t/{secret}/article/diff" })
            await browser.PageAsync(url, HttpStatusCode.NotFound);
        var discussion = await steward.NewTopicIdAsync(slug, "Just a chat");
        await browser.PageAsync($"/t/{discussion}/article/edit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_history_lists_every_revision_and_an_editor_reverts_from_it()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug, "Recipes", "Bread.\n");
        await steward.EditOkAsync(id, "Bread.\nCake.\n", 1, "Cake");
        await steward.EditOkAsync(id, "Nothing.\n", 2, "Oops");

        var history = await browser.PageAsync($"/t/{id}/article/history");
        var rows = history.QuerySelectorAll("[data-testid=revisions] tbody tr");
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.GetAttribute("data-revision")));
        Assert.NotNull(rows[0].QuerySelector($"a[href='/t/{id}/article/diff?from=2&to=3']"));
        Assert.Null(history.QuerySelector("form#revert-3"));
        Assert.NotNull(history.QuerySelector("form#compare"));

        var reverted = await browser.SubmitAsync($"/t/{id}/article/history", "form#revert-2", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        var after = await browser.PageAsync(Location(reverted));
        Assert.Equal(["4", "3", "2", "1"], after.QuerySelectorAll("[data-testid=revisions] tbody tr").Select(r => r.GetAttribute("data-revision")));
        Assert.Contains("Reverted to revision 2", after.QuerySelector("tr[data-revision='4']")!.TextContent);
        Assert.Equal("Bread.\nCake.\n", (await app.ArticleFootprintAsync(id)).Body);

        // From a revision's own page, with a reason.
        var revision = await browser.PageAsync($"/t/{id}/article/revisions/1");
        Assert.Contains("Bread.", revision.QuerySelector("[data-testid=revision-body]")!.TextContent);
        var again = await browser.SubmitAsync($"/t/{id}/article/revisions/1", "form#revert", new Dictionary<string, string> { ["Summary"] = "Just bread" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Just bread", (await steward.GetJsonAsync($"/api/v1/topics/{id}/revisions/5"))["summary"]!.GetValue<string>());

        // Nothing to revert: a message, not a new revision.
        var token = (await browser.PageAsync($"/t/{id}/article/history")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var same = await browser.Http.PostAsync($"/t/{id}/article/history", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Revision"] = "1",
        }));
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.NotNull((await ParseAsync(same)).QuerySelector("[data-testid=revert-error]"));
        Assert.Equal(5, (await app.ArticleFootprintAsync(id)).Revisions);

        // Readers see the history without revert buttons.
        var reader = await Browser.Open(app).PageAsync($"/t/{id}/article/history");
        Assert.Empty(reader.QuerySelectorAll("form[id^=revert]"));
    }

    [Fact]
    public async Task The_diff_page_shows_added_and_removed_lines_with_markup_escaped()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var id = await steward.NewArticleAsync(slug, "Snippets", "Keep this.\nDrop <b>this</b>.\nKeep that.\n");
        await steward.EditOkAsync(id, "Keep this.\nKeep that.\n<script>alert('x')</script>\n", 1, "Add a <script> tag");

        var page = await Browser.Open(app).PageAsync($"/t/{id}/article/diff?from=1&to=2");
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Empty(page.QuerySelectorAll("main b"));
        var hunk = Assert.Single(page.QuerySelectorAll("[data-testid=hunk]"));
        var removed = hunk.QuerySelectorAll("tr[data-kind=Removed]");
        var added = hunk.QuerySelectorAll("tr[data-kind=Added]");
        Assert.Equal(["Drop <b>this</b>."], removed.Select(r => r.QuerySelector("del")!.TextContent));
        Assert.Equal(["<script>alert('x')</script>"], added.Select(r => r.QuerySelector("ins")!.TextContent));
        Assert.Equal(["Keep this.", "Keep that."], hunk.QuerySelectorAll("tr[data-kind=Context] td.text").Select(td => td.TextContent));
        Assert.Contains("1 line added, 1 removed", page.QuerySelector("[data-testid=diff-stats]")!.TextContent);
        Assert.Contains("Add a <script> tag", page.QuerySelector("[data-testid=diff-to]")!.TextContent);
        var html = await (await app.CreateClient().GetAsync($"/t/{id}/article/diff?from=1&to=2")).Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>alert", html);

        await Browser.Open(app).PageAsync($"/t/{id}/article/diff?from=1&to=7", HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/t/{id}/article/diff?from=x", HttpStatusCode.BadRequest);
        var latest = await Browser.Open(app).PageAsync($"/t/{id}/article/diff");
        Assert.Equal("2", latest.QuerySelector("[data-testid=diff-to]")!.GetAttribute("data-revision"));
    }

    [Fact]
    public async Task A_solved_question_offers_make_an_article_to_the_asker_and_the_draft_links_back()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var (asker, askerBrowser) = await SignedInAsync("asker");
        var (answerer, answererBrowser) = await SignedInAsync("answerer");
        await asker.JoinAsync(slug);
        await answerer.JoinAsync(slug);
        var (question, answer) = await app.UnsolvedQuestionAsync(asker, answerer, slug, "Why is my build slow?", "It takes an hour.", "Cache the **packages**.");
        var questionUrl = $"/t/{question}/why-is-my-build-slow";

        // Unsolved: no button yet.
        Assert.Null((await askerBrowser.PageAsync(questionUrl)).QuerySelector("form#make-article"));
        await app.AcceptAsync(question, answer);
        Assert.NotNull((await askerBrowser.PageAsync(questionUrl)).QuerySelector("form#make-article"));
        Assert.Null((await answererBrowser.PageAsync(questionUrl)).QuerySelector("form#make-article"));
        Assert.Null((await Browser.Open(app).PageAsync(questionUrl)).QuerySelector("form#make-article"));

        var made = await askerBrowser.SubmitAsync(questionUrl, "form#make-article", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var articleUrl = Location(made);
        Assert.Matches(@"^/t/\d+/why-is-my-build-slow$", articleUrl);

        var article = await answererBrowser.PageAsync(articleUrl);
        Assert.NotNull(article.QuerySelector("[data-testid=draft]"));
        Assert.Equal(questionUrl, article.QuerySelector("[data-testid=from-question] a")!.GetAttribute("href"));
        Assert.Contains("wrote the accepted answer", article.QuerySelector($"[data-user='{answerer.UserName}']")!.TextContent);
        Assert.Contains("asked the question", article.QuerySelector($"[data-user='{asker.UserName}']")!.TextContent);
        Assert.Equal("packages", article.QuerySelector("article.post .prose blockquote strong")!.TextContent);
        // The answerer is credited, so may publish the draft.
        var published = await answererBrowser.SubmitAsync(articleUrl, "form#publish-article", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Null((await answererBrowser.PageAsync(articleUrl)).QuerySelector("[data-testid=draft]"));

        var back = await Browser.Open(app).PageAsync(questionUrl);
        Assert.Equal(articleUrl, back.QuerySelector("[data-testid=written-up] a")!.GetAttribute("href"));
        Assert.Null((await askerBrowser.PageAsync(questionUrl)).QuerySelector("form#make-article"));

        // Submitting again (a stale page) is refused with a message.
        var token = (await askerBrowser.PageAsync(questionUrl)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var twice = await askerBrowser.Http.PostAsync($"/t/{question}/question/make-article", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already", (await ParseAsync(twice)).QuerySelector("[data-testid=refused]")!.TextContent);
    }

    [Fact]
    public async Task A_moderator_is_offered_make_an_article_and_a_community_without_an_articles_space_says_so()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewCommunityAsync();
        await steward.AddSpaceAsync(slug, "help", "Questions");
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(slug);
        var (question, _) = await app.SolvedQuestionAsync(member, member, slug);

        var page = await browser.PageAsync($"/t/{question}/how-do-i-rotate-the-logs");
        Assert.Null(page.QuerySelector("form#make-article"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-articles-space]"));
        await steward.AddSpaceAsync(slug, "kb", "Articles");
        await steward.AddSpaceAsync(slug, "guides", "Articles");
        var form = (await browser.PageAsync($"/t/{question}/how-do-i-rotate-the-logs")).QuerySelector("form#make-article")!;
        Assert.Equal(["kb", "guides"], form.QuerySelectorAll("select[name=Space] option").Select(o => o.GetAttribute("value")));
        var made = await browser.SubmitAsync($"/t/{question}/how-do-i-rotate-the-logs", "form#make-article", new Dictionary<string, string> { ["Space"] = "guides" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var written = (await steward.GetJsonAsync($"/api/v1/topics/{question}/links"))["writtenUpAs"]!;
        Assert.Equal("guides", (await steward.ArticleAsync(written.Id()))["space"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_steward_sets_the_edit_policy_on_the_space_page_and_others_cannot()
    {
        var (steward, browser) = await SignedInAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var page = await browser.PageAsync($"/c/{slug}/s/kb");
        Assert.Equal("Wiki", page.QuerySelector("[data-testid=edit-policy]")!.GetAttribute("data-policy"));

        var saved = await browser.SubmitAsync($"/c/{slug}/s/kb", "form#article-settings", new Dictionary<string, string> { ["EditPolicy"] = "Authors" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/c/{slug}/s/kb", Location(saved));
        Assert.Equal("Authors", (await browser.PageAsync($"/c/{slug}/s/kb")).QuerySelector("[data-testid=edit-policy]")!.GetAttribute("data-policy"));
        Assert.Null((await browser.PageAsync($"/c/{slug}/s/general")).QuerySelector("[data-testid=edit-policy]"));

        var (member, memberBrowser) = await SignedInAsync("member");
        await member.JoinAsync(slug);
        var memberPage = await memberBrowser.PageAsync($"/c/{slug}/s/kb");
        Assert.Null(memberPage.QuerySelector("form#article-settings"));
        var token = memberPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await memberBrowser.Http.PostAsync($"/c/{slug}/s/kb/article-settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["EditPolicy"] = "Wiki",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("Authors", (await steward.GetJsonAsync($"/api/v1/communities/{slug}/spaces/kb/settings"))["editPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_article_and_question_pages_run_a_fixed_number_of_queries_whatever_the_history()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewKnowledgeCommunityAsync();
        var shortArticle = await steward.NewArticleAsync(slug, "Short one", "v1");
        var longArticle = await steward.NewArticleAsync(slug, "Long one", "v1");
        for (var n = 2; n <= 12; n++)
        {
            var editor = await app.NewMemberAsync();
            await editor.JoinAsync(slug);
            await editor.EditOkAsync(longArticle, $"v{n}", n - 1, $"Edit {n}");
        }
        var browser = Browser.Open(app);
        async Task<int> CountAsync(string url)
        {
            await browser.PageAsync(url);
            app.Db.Counter = new Hearth.Platform.Data.CommandCounter();
            try
            {
                await browser.PageAsync(url);
                return app.Db.Counter.Count;
            }
            finally
            {
                app.Db.Counter = null;
            }
        }

        Assert.Equal(await CountAsync($"/t/{shortArticle}/short-one"), await CountAsync($"/t/{longArticle}/long-one"));
        Assert.Equal(await CountAsync($"/t/{shortArticle}/article/history"), await CountAsync($"/t/{longArticle}/article/history"));
        Assert.InRange(await CountAsync($"/t/{longArticle}/long-one"), 1, 4);
        Assert.InRange(await CountAsync($"/t/{longArticle}/article/history"), 1, 2);
        var (question, _) = await app.SolvedQuestionAsync(steward, steward, slug);
        Assert.InRange(await CountAsync($"/t/{question}/how-do-i-rotate-the-logs"), 1, 4);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ArticlePagesOnSqlite(SqliteApp app) : ArticlePagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ArticlePagesOnPostgres(PostgresApp app) : ArticlePagesSpec(app);
