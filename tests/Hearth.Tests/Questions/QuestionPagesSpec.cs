using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Questions;

public abstract class QuestionPagesSpec(HearthApp app)
{
    private async Task<(Member Member, Browser Browser)> SignedInAsync(string slug, string prefix = "user")
    {
        var member = await app.NewMemberAsync(prefix);
        await member.JoinAsync(slug);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return (member, browser);
    }

    private static IHtmlDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    [Fact]
    public async Task The_question_page_shows_the_accepted_answer_first_with_its_marker_and_every_score()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var (asker, _) = await SignedInAsync(slug, "asker");
        var question = await asker.AskAsync(slug, "Why is my crumb so dense?");
        var early = (await steward.ReplyAsync(question.Id(), "Proof longer.")).Id();
        var later = (await steward.ReplyAsync(question.Id(), "Your **starter** is weak.")).Id();
        await asker.VoteOkAsync(early, 1);
        await asker.AcceptOkAsync(question.Id(), later);

        var page = await Browser.Open(app).PageAsync(question["url"]!.GetValue<string>());
        var posts = page.QuerySelectorAll("article.post");
        Assert.Equal(3, posts.Length);
        Assert.Equal(later.ToString(), posts[1].GetAttribute("data-post-id"));
        Assert.NotNull(posts[1].QuerySelector("[data-testid=accepted-answer]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=accepted-answer]"));
        Assert.Equal("Score 1", posts[2].QuerySelector("[data-testid=score]")!.TextContent.Trim());
        Assert.Null(posts[0].QuerySelector("[data-testid=score]"));
        Assert.NotNull(page.QuerySelector("[data-testid=question-state] [data-testid=solved]"));
        // Someone signed out sees scores but no buttons.
        Assert.Empty(page.QuerySelectorAll("form[id^=vote-], form[id^=accept-], form[id^=unaccept-]"));
    }

    [Fact]
    public async Task A_member_votes_with_the_buttons_and_pressing_the_same_one_again_takes_the_vote_back()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var question = await steward.AskAsync(slug);
        var (answerer, answererBrowser) = await SignedInAsync(slug, "answerer");
        var answer = (await answerer.ReplyAsync(question.Id(), "Try rye flour.")).Id();
        var (_, browser) = await SignedInAsync(slug, "voter");
        var url = question["url"]!.GetValue<string>();

        var voted = await browser.SubmitAsync(url, $"form#vote-up-{answer}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Equal($"{url}#post-2", Location(voted));
        var page = await browser.PageAsync(url);
        Assert.Equal("Score 1", page.QuerySelector($"article[data-post-id='{answer}'] [data-testid=score]")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector($"form#vote-up-{answer} button")!.GetAttribute("aria-pressed"));

        await browser.SubmitAsync(url, $"form#vote-down-{answer}", new Dictionary<string, string>());
        Assert.Equal("Score -1", (await browser.PageAsync(url)).QuerySelector($"article[data-post-id='{answer}'] [data-testid=score]")!.TextContent.Trim());
        await browser.SubmitAsync(url, $"form#vote-down-{answer}", new Dictionary<string, string>());
        page = await browser.PageAsync(url);
        Assert.Equal("Score 0", page.QuerySelector($"article[data-post-id='{answer}'] [data-testid=score]")!.TextContent.Trim());
        Assert.Equal("false", page.QuerySelector($"form#vote-up-{answer} button")!.GetAttribute("aria-pressed"));

        // The answerer has no buttons on their own answer, and a forged vote is refused.
        var own = await answererBrowser.PageAsync(url);
        Assert.Null(own.QuerySelector($"form#vote-up-{answer}"));
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await answererBrowser.Http.PostAsync($"/questions/posts/{answer}/vote",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Value"] = "1" }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("own answer", Parse(await forged.Content.ReadAsStringAsync()).QuerySelector("[data-testid=problem]")!.TextContent);
        Assert.Equal(0, (await steward.GetJsonAsync($"/api/v1/topics/{question.Id()}")).PostById(answer)["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_asker_accepts_from_the_page_and_another_member_sees_no_accept_button()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var (asker, askerBrowser) = await SignedInAsync(slug, "asker");
        var question = await asker.AskAsync(slug);
        var answer = (await steward.ReplyAsync(question.Id(), "Here is how.")).Id();
        var url = question["url"]!.GetValue<string>();

        var (_, otherBrowser) = await SignedInAsync(slug, "other");
        var seenByOther = await otherBrowser.PageAsync(url);
        Assert.Null(seenByOther.QuerySelector($"form#accept-{answer}"));
        var token = seenByOther.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await otherBrowser.Http.PostAsync($"/questions/topics/{question.Id()}/accept",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["PostId"] = answer.ToString() }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False((await asker.GetJsonAsync($"/api/v1/topics/{question.Id()}"))["solved"]!.GetValue<bool>());

        var accepted = await askerBrowser.SubmitAsync(url, $"form#accept-{answer}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var page = await askerBrowser.PageAsync(url);
        Assert.NotNull(page.QuerySelector($"article[data-post-id='{answer}'] [data-testid=accepted-answer]"));
        Assert.NotNull(page.QuerySelector($"form#unaccept-{answer}"));

        await askerBrowser.SubmitAsync(url, $"form#unaccept-{answer}", new Dictionary<string, string>());
        page = await askerBrowser.PageAsync(url);
        Assert.Null(page.QuerySelector("[data-testid=accepted-answer]"));
        Assert.NotNull(page.QuerySelector("[data-testid=question-state] [data-testid=unsolved]"));
    }

    [Fact]
    public async Task The_questions_space_page_filters_and_keeps_the_filter_across_pages()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var solved = await member.AskAsync(slug, "A solved one");
        await member.AcceptOkAsync(solved.Id(), (await steward.ReplyAsync(solved.Id(), "Done.")).Id());
        for (var i = 0; i < 32; i++) await member.AskAsync(slug, $"Open question {i}");
        var browser = Browser.Open(app);

        var all = await browser.PageAsync($"/c/{slug}/s/{QuestionSteps.Space}");
        Assert.Equal(4, all.QuerySelectorAll("[data-testid=question-filters] a").Length);
        Assert.Equal("page", all.QuerySelector("[data-testid=question-filters] a[href$='/s/help']")!.GetAttribute("aria-current"));
        Assert.NotNull(all.QuerySelector("[data-testid=question-figures]"));

        var solvedPage = await browser.PageAsync($"/c/{slug}/s/{QuestionSteps.Space}?filter=solved");
        var item = Assert.Single(solvedPage.QuerySelectorAll("ul.topics > li"));
        Assert.Equal(solved.Id().ToString(), item.GetAttribute("data-topic-id"));
        Assert.NotNull(item.QuerySelector("[data-testid=solved]"));
        Assert.Equal("page", solvedPage.QuerySelector("[data-testid=question-filters] a[href$='filter=solved']")!.GetAttribute("aria-current"));

        var unanswered = await browser.PageAsync($"/c/{slug}/s/{QuestionSteps.Space}?filter=unanswered");
        Assert.Equal(30, unanswered.QuerySelectorAll("ul.topics > li").Length);
        var more = unanswered.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("filter=unanswered", more);
        var next = await browser.PageAsync(more);
        Assert.Equal(2, next.QuerySelectorAll("ul.topics > li").Length);
        Assert.Empty(next.QuerySelectorAll("[data-testid=solved]"));

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/c/{slug}/s/{QuestionSteps.Space}?filter=bogus")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/c/{slug}/s/general?filter=solved")).Response.StatusCode);
        // A Discussion space has neither filters nor figures.
        var general = await browser.PageAsync($"/c/{slug}/s/general");
        Assert.Null(general.QuerySelector("[data-testid=question-filters]"));
        Assert.Null(general.QuerySelector("[data-testid=question-figures]"));
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class QuestionPagesOnSqlite(SqliteApp app) : QuestionPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class QuestionPagesOnPostgres(PostgresApp app) : QuestionPagesSpec(app);
