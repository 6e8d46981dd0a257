using System.Net;
using Hearth.Tests.Announcements;
using Hearth.Tests.Discussions;
using Hearth.Tests.Events;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Notifications;

/// <summary>In-app notifications from replies, membership and subscriptions; who is told and who never is.</summary>
public abstract class SubscriptionsSpec(HearthApp app)
{
    private static async Task<string[]> TextsAsync(Member member) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>() + ": " + n["text"]!.GetValue<string>())];

    [Fact]
    public async Task A_reply_to_your_post_notifies_you_and_your_own_topic_is_watched()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "Bread and butter");
        var member = await app.NewJoinedMemberAsync(slug);
        var reply = await member.ReplyAsync(topic.Id(), "First!");

        var author = await TextsAsync(steward);
        Assert.Single(author);
        Assert.StartsWith("post: ", author[0]);
        Assert.Contains("Bread and butter", author[0]);

        // The replier now watches the topic too; a reply to the replier's post is a "reply" for them.
        await steward.ReplyAsync(topic.Id(), "Welcome.", replyTo: reply.Id());
        var replier = await TextsAsync(member);
        Assert.Single(replier);
        Assert.StartsWith("reply: ", replier[0]);
        Assert.Single(await TextsAsync(steward)); // nothing for one's own reply
    }

    [Fact]
    public async Task A_muted_topic_tells_you_nothing_not_even_replies_to_you()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topicId = await steward.NewTopicIdAsync(slug);
        var first = await steward.ReplyAsync(topicId, "Mine.");
        await (await steward.PutAsync("/api/v1/subscriptions", new { topic = topicId, level = "mute" })).ShouldBe(HttpStatusCode.OK);
        var member = await app.NewJoinedMemberAsync(slug);
        await member.ReplyAsync(topicId, "To you.", replyTo: first.Id());
        await member.ReplyAsync(topicId, "Again.");
        Assert.Empty(await TextsAsync(steward));
    }

    [Fact]
    public async Task Watching_a_community_or_space_tells_of_new_topics_and_normal_members_hear_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await steward.AddSpaceAsync(slug, "ideas-corner");
        var watcher = await app.NewJoinedMemberAsync(slug);
        var spaceTracker = await app.NewJoinedMemberAsync(slug);
        var bystander = await app.NewJoinedMemberAsync(slug);
        await (await watcher.PutAsync("/api/v1/subscriptions", new { community = slug, level = "watch" })).ShouldBe(HttpStatusCode.OK);
        var tracked = await (await spaceTracker.PutAsync("/api/v1/subscriptions", new { community = slug, space = "ideas-corner", level = "track" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("space", tracked["scope"]!.GetValue<string>());

        await steward.NewTopicAsync(slug, "In general");
        await steward.NewTopicAsync(slug, "In the corner", space: "ideas-corner");

        Assert.Equal(2, (await TextsAsync(watcher)).Count(t => t.StartsWith("topic: ", StringComparison.Ordinal)));
        Assert.Equal(["topic: "], (await TextsAsync(spaceTracker)).Select(t => t[..7]));
        Assert.Contains("In the corner", (await TextsAsync(spaceTracker))[0]);
        Assert.Empty(await TextsAsync(bystander));
    }

    [Fact]
    public async Task Announcements_are_watched_by_members_by_default_unless_muted_and_never_reach_those_who_left()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await steward.AddAnnouncementsAsync(slug);
        var reader = await app.NewJoinedMemberAsync(slug);
        var muter = await app.NewJoinedMemberAsync(slug);
        var leaver = await app.NewJoinedMemberAsync(slug);
        await (await muter.PutAsync("/api/v1/subscriptions", new { community = slug, space = "news", level = "mute" })).ShouldBe(HttpStatusCode.OK);
        await leaver.LeaveAsync(slug);
        var outsider = await app.NewMemberAsync();

        await steward.NewTopicAsync(slug, "Big news", space: "news");

        Assert.Single(await TextsAsync(reader));
        Assert.Empty(await TextsAsync(muter));
        Assert.Empty(await TextsAsync(leaver));
        Assert.Empty(await TextsAsync(outsider));
    }

    [Fact]
    public async Task A_watcher_who_left_a_private_community_hears_nothing_more_of_it()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var member = await app.NewMemberAsync();
        var invitation = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsync($"/api/v1/invitations/{invitation["token"]!.GetValue<string>()}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
        var topicId = await steward.NewTopicIdAsync(slug, "Secret plans");
        await (await member.PutAsync("/api/v1/subscriptions", new { topic = topicId, level = "watch" })).ShouldBe(HttpStatusCode.OK);
        await member.LeaveAsync(slug);
        await (await member.PostAsync("/api/v1/notifications/read", new { })).ShouldBe(HttpStatusCode.OK);

        await steward.ReplyAsync(topicId, "The plan is on.");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id AND read_at IS NULL", new { member.Id }));
    }

    [Fact]
    public async Task Subscribing_is_validated_and_hidden_things_stay_hidden()
    {
        var steward = await app.NewMemberAsync();
        var secret = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var open = await steward.NewCommunityAsync();
        var secretTopic = await steward.NewTopicIdAsync(secret);
        var stranger = await app.NewMemberAsync();

        var bad = await (await stranger.PutAsync("/api/v1/subscriptions", new { community = open, level = "loud" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(bad["errors"]!["level"]);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { level = "watch" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { topic = secretTopic, community = open, level = "watch" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { topic = secretTopic, level = "watch" })).ShouldFail(HttpStatusCode.NotFound);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { community = secret, level = "watch" })).ShouldFail(HttpStatusCode.NotFound);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { topic = 987654321, level = "watch" })).ShouldFail(HttpStatusCode.NotFound);
        await (await stranger.PutAsync("/api/v1/subscriptions", new { community = open, level = "watch" })).ShouldFail(HttpStatusCode.Forbidden);
        var anonymous = await app.CreateClient().PutAsync("/api/v1/subscriptions", Api.RawJson("""{"community":"x","level":"watch"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Join_requests_notify_stewards_and_approval_notifies_the_requester()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var bystander = await app.NewJoinedMemberAsync(await steward.NewCommunityAsync());
        var asker = await app.NewMemberAsync();
        Assert.Equal("Requested", await asker.JoinAsync(slug));
        var told = await TextsAsync(steward);
        Assert.Single(told);
        Assert.StartsWith("join_request: ", told[0]);
        Assert.Empty(await TextsAsync(bystander));

        var requests = await steward.GetJsonAsync($"/api/v1/communities/{slug}/requests");
        var id = requests["items"]![0]!["id"]!.GetValue<long>();
        await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["join_approved"], (await TextsAsync(asker)).Select(t => t.Split(':')[0]));
    }

    [Fact]
    public async Task An_invitation_notifies_the_invitee_even_in_a_private_community()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var invitee = await app.NewMemberAsync();
        var created = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = invitee.UserName })).ShouldBe(HttpStatusCode.Created);
        var list = await invitee.GetJsonAsync("/api/v1/notifications");
        var n = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("invitation", n!["kind"]!.GetValue<string>());
        Assert.Equal(created["url"]!.GetValue<string>(), n["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_header_shows_the_unread_count_and_the_follow_control_changes_the_level()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "Counting");
        var member = await app.NewJoinedMemberAsync(slug);
        await member.ReplyAsync(topic.Id(), "One.");
        await member.ReplyAsync(topic.Id(), "Two.");

        var browser = Browser.Open(app);
        await browser.SignInAsync(steward.UserName);
        var home = await browser.PageAsync("/");
        Assert.Equal("2", home.QuerySelector("[data-testid=unread]")!.TextContent.Trim());
        var url = topic["url"]!.GetValue<string>();
        var page = await browser.PageAsync(url);
        Assert.Equal("watch", page.QuerySelector("[data-testid=follow] select option[selected]")!.GetAttribute("value"));
        Assert.Equal(topic.Id().ToString(System.Globalization.CultureInfo.InvariantCulture), page.Body!.GetAttribute("data-live-topic"));

        var saved = await browser.SubmitAsync(url, "[data-testid=follow]", new Dictionary<string, string> { ["level"] = "mute" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await browser.PageAsync(url);
        Assert.Equal("mute", page.QuerySelector("[data-testid=follow] select option[selected]")!.GetAttribute("value"));

        await (await browser.SubmitAsync("/notifications", "#mark-all-read", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        Assert.True((await browser.PageAsync("/")).QuerySelector("[data-testid=unread]")!.HasAttribute("hidden"));

        // Anonymous readers get neither the control nor the count.
        var anonymous = await Browser.Open(app).PageAsync(url);
        Assert.Null(anonymous.QuerySelector("[data-testid=follow]"));
        Assert.Null(anonymous.QuerySelector("[data-testid=unread]"));
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class SubscriptionsOnSqlite(SqliteApp app) : SubscriptionsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class SubscriptionsOnPostgres(PostgresApp app) : SubscriptionsSpec(app);
