using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Moderation;

public abstract class FlagsSpec(HearthApp app)
{
    [Fact]
    public async Task A_flagged_post_waits_in_its_community_queue_for_moderators_only()
    {
        var w = await app.WorldAsync();
        var created = await (await w.Author.FlagAsync(new { postId = w.ReplyId, reason = "BreaksRules", ruleQuote = "1. Be kind.", note = "Name-calling." }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(("Post", "Open"), (created["targetKind"]!.GetValue<string>(), created["state"]!.GetValue<string>()));

        var queue = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags");
        var flag = Assert.Single(queue["items"]!.AsArray())!;
        Assert.Equal(w.ReplyId, flag["postId"]!.GetValue<long>());
        Assert.Equal("1. Be kind.", flag["ruleQuote"]!.GetValue<string>());
        Assert.Equal(w.Author.UserName, flag["flagger"]!.GetValue<string>());
        Assert.Contains("zanzibarite", flag["excerpt"]!.GetValue<string>());
        await w.Steward.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags");
        await (await w.Other.GetAsync($"/api/v1/communities/{w.Slug}/flags")).ShouldFail(HttpStatusCode.NotFound);
        await (await w.Other.GetAsync("/api/v1/admin/flags")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_open_flag_per_member_per_thing()
    {
        var w = await app.WorldAsync();
        await w.Author.FlagPostAsync(w.ReplyId);
        await (await w.Author.FlagAsync(new { postId = w.ReplyId, reason = "OffTopic" })).ShouldFail(HttpStatusCode.Conflict);
        await (await w.Author.FlagAsync(new { topicId = w.TopicId, reason = "OffTopic" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await w.Other.FlagAsync(new { topicId = w.TopicId, reason = "OffTopic" })).ShouldBe(HttpStatusCode.Created);
        await (await w.Other.FlagAsync(new { topicId = w.TopicId, reason = "Spam" })).ShouldFail(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Flags_name_one_thing_with_a_known_reason()
    {
        var w = await app.WorldAsync();
        var bad = await (await w.Author.FlagAsync(new { postId = w.ReplyId, reason = "Boring" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(bad["errors"]!["reason"]);
        var two = await (await w.Author.FlagAsync(new { postId = w.ReplyId, topicId = w.TopicId, reason = "Spam" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(two["errors"]!["target"]);
        var other = await (await w.Author.FlagAsync(new { postId = w.ReplyId, reason = "Other" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(other["errors"]!["note"]);
    }

    [Fact]
    public async Task What_the_flagger_cannot_see_cannot_be_flagged()
    {
        var w = await app.WorldAsync(c => c["visibility"] = "Private");
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.FlagAsync(new { postId = w.ReplyId, reason = "Spam" })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.FlagAsync(new { topicId = w.TopicId, reason = "Spam" })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.FlagAsync(new { postId = 987654321L, reason = "Spam" })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.FlagAsync(new { userName = "nobody-at-all", reason = "Spam" })).ShouldFail(HttpStatusCode.NotFound);
        await w.Moderator.HideAsync(w.ReplyId);
        await (await w.Author.FlagAsync(new { postId = w.ReplyId, reason = "Spam" })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Member_flags_go_to_the_site_queue_for_admins()
    {
        var w = await app.WorldAsync();
        var admin = await app.NewMemberAsync("admin");
        await app.MakeAdminAsync(admin);
        await (await w.Author.FlagAsync(new { userName = w.Other.UserName, reason = "Inappropriate", note = "Spams everyone." })).ShouldBe(HttpStatusCode.Created);

        var site = await admin.GetJsonAsync("/api/v1/admin/flags");
        Assert.Contains(site["items"]!.AsArray(), f => f!["userName"]?.GetValue<string>() == w.Other.UserName);
        var community = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags");
        Assert.Empty(community["items"]!.AsArray());

        var browser = Browser.Open(app);
        await browser.SignInAsync(admin.UserName);
        var page = await browser.PageAsync("/admin/flags");
        Assert.NotEmpty(page.QuerySelectorAll("article.flag[data-target=User]"));
        var member = Browser.Open(app);
        await member.SignInAsync(w.Other.UserName);
        await member.PageAsync("/admin/flags", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enough_flags_from_trusted_members_hide_a_post_until_reviewed()
    {
        var w = await app.WorldAsync();
        var flaggers = new List<Member>();
        for (var i = 0; i < 4; i++)
        {
            var m = await app.NewMemberAsync("flagger");
            await m.JoinAsync(w.Slug);
            flaggers.Add(m);
        }
        // A new account's flag (trust 0) does not count toward hiding.
        await flaggers[3].FlagPostAsync(w.ReplyId);
        foreach (var m in flaggers.Take(3)) await app.TrustAsync(m);
        Assert.False((await flaggers[0].FlagPostAsync(w.ReplyId))["postHidden"]!.GetValue<bool>());
        Assert.False((await flaggers[1].FlagPostAsync(w.ReplyId))["postHidden"]!.GetValue<bool>());
        Assert.True((await flaggers[2].FlagPostAsync(w.ReplyId))["postHidden"]!.GetValue<bool>());

        Assert.DoesNotContain(w.ReplyId, await app.CreateClient().VisiblePostIdsAsync(w.TopicId));
        var search = await app.CreateClient().GetJsonAsync($"/api/v1/search?q=zanzibarite&community={w.Slug}");
        Assert.Empty(search["items"]!.AsArray());
        var browser = Browser.Open(app);
        var page = await browser.PageAsync($"/t/{w.TopicId}/sourdough-starters");
        Assert.DoesNotContain("zanzibarite", page.Body!.TextContent);

        // Reviewed: every flag dismissed, so the post comes back.
        var queue = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags");
        var ids = queue["items"]!.AsArray().Select(f => f!.Id()).ToList();
        Assert.Equal(4, ids.Count);
        foreach (var id in ids)
            await (await w.Moderator.PostAsync($"/api/v1/flags/{id}/resolve", new { decision = "Dismiss", note = "Fair criticism, not abuse." })).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(w.ReplyId, await app.CreateClient().VisiblePostIdsAsync(w.TopicId));
        var found = await app.CreateClient().GetJsonAsync($"/api/v1/search?q=zanzibarite&community={w.Slug}");
        Assert.NotEmpty(found["items"]!.AsArray());
    }

    [Fact]
    public async Task Resolving_a_flag_records_who_and_why_once()
    {
        var w = await app.WorldAsync();
        var flag = await w.Author.FlagPostAsync(w.ReplyId);
        await (await w.Other.PostAsync($"/api/v1/flags/{flag.Id()}/resolve", new { decision = "Dismiss", note = "Mine." })).ShouldFail(HttpStatusCode.NotFound);
        await (await w.Moderator.PostAsync($"/api/v1/flags/{flag.Id()}/resolve", new { decision = "Uphold" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var resolved = await (await w.Moderator.PostAsync($"/api/v1/flags/{flag.Id()}/resolve", new { decision = "Uphold", note = "Spam link." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("Upheld", w.Moderator.UserName, "Spam link."),
            (resolved["state"]!.GetValue<string>(), resolved["resolvedBy"]!.GetValue<string>(), resolved["note"]!.GetValue<string>()));
        await (await w.Moderator.PostAsync($"/api/v1/flags/{flag.Id()}/resolve", new { decision = "Dismiss", note = "Again." })).ShouldFail(HttpStatusCode.Conflict);

        var upheld = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags?state=Upheld");
        var item = Assert.Single(upheld["items"]!.AsArray())!;
        Assert.Equal(w.Moderator.UserName, item["resolvedBy"]!.GetValue<string>());
        var log = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/moderation/log");
        Assert.Contains(log["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "uphold_flag" && e["detail"]!.GetValue<string>() == "Spam link.");
        // Once again: a resolved flag leaves room for a new one.
        await w.Author.FlagPostAsync(w.ReplyId);
    }

    [Fact]
    public async Task Moderators_review_flags_and_held_posts_on_the_queue_page()
    {
        var w = await app.WorldAsync();
        await w.Author.FlagPostAsync(w.ReplyId);
        var browser = Browser.Open(app);
        await browser.SignInAsync(w.Moderator.UserName);
        var page = await browser.PageAsync($"/c/{w.Slug}/moderation");
        var flag = page.QuerySelector("article.flag")!;
        Assert.Contains("zanzibarite", flag.TextContent);

        var hidden = await browser.SubmitAsync($"/c/{w.Slug}/moderation", "form.hide-form", new Dictionary<string, string> { ["reason"] = "Rude.", ["verb"] = "hide" });
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Equal("Hidden", await app.PostStateAsync(w.ReplyId));
        var resolved = await browser.SubmitAsync($"/c/{w.Slug}/moderation", "form.resolve-form", new Dictionary<string, string> { ["note"] = "Hidden.", ["decision"] = "Uphold" });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var after = await browser.PageAsync($"/c/{w.Slug}/moderation");
        Assert.NotNull(after.QuerySelector("[data-testid=no-flags]"));

        var member = Browser.Open(app);
        await member.SignInAsync(w.Other.UserName);
        await member.PageAsync($"/c/{w.Slug}/moderation", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_member_flags_a_post_from_the_topic_page()
    {
        var w = await app.WorldAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(w.Author.UserName);
        var topic = await browser.PageAsync($"/t/{w.TopicId}/sourdough-starters");
        var link = topic.QuerySelectorAll("a.flag-link").Select(a => a.GetAttribute("href")!).Single(h => h.EndsWith($"postId={w.ReplyId}", StringComparison.Ordinal));
        var response = await browser.SubmitAsync(link, "form#flag", new Dictionary<string, string> { ["Reason"] = "OffTopic", ["Note"] = "Not about bread." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queue = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/flags");
        Assert.Equal("Not about bread.", Assert.Single(queue["items"]!.AsArray())!["note"]!.GetValue<string>());
    }
}

[Collection(ModerationSteps.SqliteCollection), Trait("Engine", Engines.Sqlite)]
public sealed class FlagsOnSqlite(ModerationSqliteApp app) : FlagsSpec(app);

[Collection(ModerationSteps.PostgresCollection), Trait("Engine", Engines.Postgres)]
public sealed class FlagsOnPostgres(ModerationPostgresApp app) : FlagsSpec(app);
