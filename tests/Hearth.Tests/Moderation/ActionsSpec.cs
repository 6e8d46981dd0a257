using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Moderation;

public abstract class ActionsSpec(HearthApp app)
{
    [Fact]
    public async Task A_moderator_hides_and_restores_a_post_and_the_author_is_told()
    {
        var w = await app.WorldAsync();
        await (await w.Moderator.PostAsync($"/api/v1/posts/{w.ReplyId}/hide", new { reason = "" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var hidden = await w.Moderator.HideAsync(w.ReplyId, "Personal attack.");
        Assert.Equal("Hidden", hidden["state"]!.GetValue<string>());
        Assert.DoesNotContain(w.ReplyId, await w.Author.Http.VisiblePostIdsAsync(w.TopicId));
        await (await w.Moderator.PostAsync($"/api/v1/posts/{w.ReplyId}/hide", new { reason = "Again." })).ShouldFail(HttpStatusCode.Conflict);

        var told = await w.Other.GetJsonAsync("/api/v1/notifications");
        var note = told["items"]!.AsArray().Single(n => n!["kind"]!.GetValue<string>() == "moderation")!;
        Assert.Contains("Personal attack.", note["text"]!.GetValue<string>());

        await (await w.Moderator.PostAsync($"/api/v1/posts/{w.ReplyId}/restore", new { reason = "On reflection, fine." })).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(w.ReplyId, await w.Author.Http.VisiblePostIdsAsync(w.TopicId));
        await (await w.Moderator.PostAsync($"/api/v1/posts/{w.ReplyId}/delete", new { reason = "Spam after all." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Removed", await app.PostStateAsync(w.ReplyId));

        var log = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/moderation/log");
        var actions = log["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("hide_post", actions);
        Assert.Contains("restore_post", actions);
        Assert.Contains("remove_post", actions);
        Assert.All(log["items"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "hide_post"),
            e => Assert.Equal((w.Moderator.UserName, "Personal attack."), (e!["actor"]!.GetValue<string>(), e["detail"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Members_cannot_hide_posts_and_outsiders_of_a_private_community_find_nothing()
    {
        var w = await app.WorldAsync(c => c["visibility"] = "Private");
        await (await w.Other.PostAsync($"/api/v1/posts/{w.FirstPostId}/hide", new { reason = "I disagree." })).ShouldFail(HttpStatusCode.Forbidden);
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.PostAsync($"/api/v1/posts/{w.FirstPostId}/hide", new { reason = "I disagree." })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal("Visible", await app.PostStateAsync(w.FirstPostId));
    }

    [Fact]
    public async Task A_warning_reaches_the_member_as_a_notification()
    {
        var w = await app.WorldAsync();
        var warned = await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/warn", new { message = "Please keep it civil." }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Warn", warned["kind"]!.GetValue<string>());
        var told = await w.Other.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(told["items"]!.AsArray(), n => n!["text"]!.GetValue<string>().Contains("Please keep it civil.", StringComparison.Ordinal));
        var empty = await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/warn", new { message = " " })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(empty["errors"]!["message"]);
    }

    [Fact]
    public async Task A_suspended_member_cannot_post_until_the_suspension_is_lifted()
    {
        var w = await app.WorldAsync();
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/suspend", new { days = 0, reason = "x" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var suspended = await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/suspend", new { days = 7, reason = "Cooling off." }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.NotNull(suspended["suspendedUntil"]);
        var reply = await (await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "But why?" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("suspended", reply["title"]!.GetValue<string>());
        await (await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/topics", new { title = "New thread", body = "Hello" })).ShouldFail(HttpStatusCode.Forbidden);
        // Elsewhere they post as before.
        var elsewhere = await w.Steward.NewCommunityAsync();
        await w.Other.JoinAsync(elsewhere);
        await w.Other.NewTopicAsync(elsewhere);

        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/lift", new { reason = "Served." })).ShouldBe(HttpStatusCode.OK);
        await w.Other.ReplyAsync(w.TopicId, "Thanks, I will be kinder.");
    }

    [Fact]
    public async Task A_banned_member_loses_the_membership_and_cannot_rejoin_or_post()
    {
        var w = await app.WorldAsync();
        var banned = await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/ban", new { reason = "Repeated abuse." }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Banned", banned["membershipState"]!.GetValue<string>());
        var community = await w.Other.GetJsonAsync($"/api/v1/communities/{w.Slug}");
        Assert.Equal("Banned", community["viewer"]!["state"]!.GetValue<string>());
        await (await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "Let me back." })).ShouldFail(HttpStatusCode.Forbidden);
        await (await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/join", new { acceptRulesVersion = community["rulesVersion"]!.GetValue<int>() })).ShouldFail(HttpStatusCode.Forbidden);

        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/lift", new { reason = "Second chance." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Active", await w.Other.JoinAsync(w.Slug));
    }

    [Fact]
    public async Task Sanctions_go_down_the_ladder_only()
    {
        var w = await app.WorldAsync();
        await (await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Author.UserName}/ban", new { reason = "I dislike them." })).ShouldFail(HttpStatusCode.Forbidden);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Steward.UserName}/ban", new { reason = "Coup." })).ShouldFail(HttpStatusCode.Forbidden);
        var second = await app.NewMemberAsync("mod2");
        await second.JoinAsync(w.Slug);
        await Questions.QuestionSteps.MakeModeratorAsync(w.Steward, w.Slug, second);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{second.UserName}/suspend", new { days = 1, reason = "Rival." })).ShouldFail(HttpStatusCode.Forbidden);
        await (await w.Steward.PostAsync($"/api/v1/communities/{w.Slug}/members/{second.UserName}/suspend", new { days = 1, reason = "Overreach." })).ShouldBe(HttpStatusCode.OK);
        await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Moderator.UserName}/warn", new { message = "Me." })).ShouldFail(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Site_sanctions_are_for_admins_and_stop_posting_everywhere()
    {
        var w = await app.WorldAsync();
        var admin = await app.NewMemberAsync("admin");
        await app.MakeAdminAsync(admin);
        await (await w.Steward.PostAsync($"/api/v1/admin/users/{w.Other.UserName}/ban", new { reason = "Spammer." })).ShouldFail(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/api/v1/admin/users/{w.Other.UserName}/ban", new { reason = "Spammer." })).ShouldBe(HttpStatusCode.OK);
        var refused = await (await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "Buy now" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("banned", refused["title"]!.GetValue<string>());
        await (await admin.PostAsync($"/api/v1/admin/users/{w.Other.UserName}/lift", new { reason = "Mistake." })).ShouldBe(HttpStatusCode.OK);
        await w.Other.ReplyAsync(w.TopicId);

        await (await admin.PostAsync($"/api/v1/admin/users/{w.Author.UserName}/suspend", new { days = 2, reason = "Flame war." })).ShouldBe(HttpStatusCode.OK);
        await (await w.Author.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "Hey" })).ShouldFail(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Slow_mode_spaces_out_a_members_posts_in_a_topic_but_not_a_moderators()
    {
        var w = await app.WorldAsync();
        await (await w.Other.PutAsync($"/api/v1/topics/{w.TopicId}/slow-mode", new { seconds = 600 })).ShouldFail(HttpStatusCode.Forbidden);
        await (await w.Moderator.PutAsync($"/api/v1/topics/{w.TopicId}/slow-mode", new { seconds = -1 })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await w.Moderator.PutAsync($"/api/v1/topics/{w.TopicId}/slow-mode", new { seconds = 600, reason = "Heated." })).ShouldBe(HttpStatusCode.OK);

        var slowed = await w.Other.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "One more thing." });
        await slowed.ShouldFail(HttpStatusCode.TooManyRequests);
        var wait = int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 600);
        await (await w.Author.PostAsync($"/api/v1/topics/{w.TopicId}/posts", new { body = "I opened it, so I am slowed too." })).ShouldFail(HttpStatusCode.TooManyRequests);
        await w.Moderator.ReplyAsync(w.TopicId, "Moderators are not slowed.");
        await w.Moderator.ReplyAsync(w.TopicId, "Not even twice.");

        await (await w.Moderator.PutAsync($"/api/v1/topics/{w.TopicId}/slow-mode", new { seconds = 0 })).ShouldBe(HttpStatusCode.OK);
        await w.Other.ReplyAsync(w.TopicId, "Back to normal.");
    }

    [Fact]
    public async Task Slow_mode_on_a_space_covers_new_topics_too()
    {
        var w = await app.WorldAsync();
        await (await w.Moderator.PutAsync($"/api/v1/communities/{w.Slug}/spaces/general/slow-mode", new { seconds = 3600, reason = "Busy week." })).ShouldBe(HttpStatusCode.OK);
        var refused = await w.Other.PostAsync($"/api/v1/communities/{w.Slug}/topics", new { title = "Another thread", body = "Hello again." });
        await refused.ShouldFail(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
        await (await w.Moderator.PutAsync($"/api/v1/communities/{w.Slug}/spaces/nowhere/slow-mode", new { seconds = 10 })).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_moderation_log_is_for_moderators_unless_stewards_make_it_public()
    {
        var w = await app.WorldAsync();
        await w.Moderator.HideAsync(w.ReplyId, "Off topic.");
        await (await w.Author.GetAsync($"/api/v1/communities/{w.Slug}/moderation/log")).ShouldFail(HttpStatusCode.NotFound);
        await (await w.Moderator.PatchAsync($"/api/v1/communities/{w.Slug}/moderation/settings", new { publicLog = true })).ShouldFail(HttpStatusCode.Forbidden);
        var settings = await (await w.Steward.PatchAsync($"/api/v1/communities/{w.Slug}/moderation/settings", new { publicLog = true })).ShouldBe(HttpStatusCode.OK);
        Assert.True(settings["publicLog"]!.GetValue<bool>());

        var log = await w.Author.GetJsonAsync($"/api/v1/communities/{w.Slug}/moderation/log");
        Assert.Contains(log["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "hide_post");
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.GetAsync($"/api/v1/communities/{w.Slug}/moderation/log")).ShouldFail(HttpStatusCode.NotFound);

        var browser = Browser.Open(app);
        await browser.SignInAsync(w.Author.UserName);
        var page = await browser.PageAsync($"/c/{w.Slug}/moderation/log");
        Assert.NotEmpty(page.QuerySelectorAll("table[data-testid=log] tr[data-action=hide_post]"));
        await Browser.Open(app).PageAsync($"/c/{w.Slug}/moderation/log", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_member_appeals_a_decision_once_and_a_moderator_grants_it()
    {
        var w = await app.WorldAsync();
        var hidden = await w.Moderator.HideAsync(w.ReplyId, "Looks like spam.");
        var actionId = hidden["actionId"]!.GetValue<long>();
        await (await w.Author.PostAsync($"/api/v1/moderation/actions/{actionId}/appeal", new { reason = "Not mine, but unfair." })).ShouldFail(HttpStatusCode.NotFound);
        var seen = await w.Other.GetJsonAsync($"/api/v1/moderation/actions/{actionId}");
        Assert.True(seen["mayAppeal"]!.GetValue<bool>());
        await (await w.Other.PostAsync($"/api/v1/moderation/actions/{actionId}/appeal", new { reason = "It is a real tip." })).ShouldBe(HttpStatusCode.OK);
        await (await w.Other.PostAsync($"/api/v1/moderation/actions/{actionId}/appeal", new { reason = "Please!" })).ShouldFail(HttpStatusCode.Conflict);

        var appeals = await w.Moderator.GetJsonAsync($"/api/v1/communities/{w.Slug}/appeals");
        Assert.Equal(actionId, Assert.Single(appeals["items"]!.AsArray())!.Id());
        await (await w.Author.PostAsync($"/api/v1/moderation/actions/{actionId}/decide", new { decision = "Grant", note = "Sure." })).ShouldFail(HttpStatusCode.NotFound);
        var decided = await (await w.Moderator.PostAsync($"/api/v1/moderation/actions/{actionId}/decide", new { decision = "Grant", note = "You are right." })).ShouldBe(HttpStatusCode.OK);
        Assert.True(decided["undone"]!.GetValue<bool>());
        Assert.Contains(w.ReplyId, await w.Author.Http.VisiblePostIdsAsync(w.TopicId));
        await (await w.Moderator.PostAsync($"/api/v1/moderation/actions/{actionId}/decide", new { decision = "Deny", note = "Changed my mind." })).ShouldFail(HttpStatusCode.Conflict);

        var browser = Browser.Open(app);
        await browser.SignInAsync(w.Other.UserName);
        var page = await browser.PageAsync($"/moderation/actions/{actionId}");
        Assert.Equal("Granted", page.QuerySelector("[data-testid=appeal-state]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form#appeal"));
    }

    [Fact]
    public async Task An_appeal_can_be_filed_from_the_decision_page()
    {
        var w = await app.WorldAsync();
        var warned = await (await w.Moderator.PostAsync($"/api/v1/communities/{w.Slug}/members/{w.Other.UserName}/warn", new { message = "Tone." })).ShouldBe(HttpStatusCode.OK);
        var id = warned["actionId"]!.GetValue<long>();
        var browser = Browser.Open(app);
        await browser.SignInAsync(w.Other.UserName);
        var response = await browser.SubmitAsync($"/moderation/actions/{id}", "form#appeal", new Dictionary<string, string> { ["Reason"] = "I was quoting someone." });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var action = await w.Other.GetJsonAsync($"/api/v1/moderation/actions/{id}");
        Assert.Equal("Pending", action["appealState"]!.GetValue<string>());
        await Browser.Open(app).PageAsync($"/moderation/actions/{id}", HttpStatusCode.Redirect);
    }
}

[Collection(ModerationSteps.SqliteCollection), Trait("Engine", Engines.Sqlite)]
public sealed class ActionsOnSqlite(ModerationSqliteApp app) : ActionsSpec(app);

[Collection(ModerationSteps.PostgresCollection), Trait("Engine", Engines.Postgres)]
public sealed class ActionsOnPostgres(ModerationPostgresApp app) : ActionsSpec(app);
