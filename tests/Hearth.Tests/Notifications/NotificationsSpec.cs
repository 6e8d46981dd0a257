using System.Net;
using Dapper;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Notifications;

public abstract class NotificationsSpec(HearthApp app)
{
    [Fact]
    public async Task A_member_reads_their_notifications_newest_first_and_marks_them_read()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await SendAsync(slug, member.Id, steward.Id, "first", "second");

        var list = await member.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(["second", "first"], list["items"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()));
        Assert.Equal(steward.UserName, list["items"]![0]!["actor"]!.GetValue<string>());
        Assert.False(list["items"]![0]!["read"]!.GetValue<bool>());

        var marked = await (await member.PostAsync("/api/v1/notifications/read", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, marked["marked"]!.GetValue<int>());
        Assert.Equal(0, marked["unread"]!.GetValue<int>());
        Assert.Empty((await member.GetJsonAsync("/api/v1/notifications?unread=true"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Nobody_is_notified_of_their_own_action_and_others_never_see_them()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await SendAsync(slug, steward.Id, steward.Id, "self");
        Assert.Empty((await steward.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray());

        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await SendAsync(slug, member.Id, steward.Id, "for the member");
        var stranger = await app.NewMemberAsync();
        Assert.Empty((await stranger.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray());
        await (await stranger.PostAsync("/api/v1/notifications/read", new { ids = new[] { 1, 2, 3 } })).ShouldBe(HttpStatusCode.OK);
        Assert.Single((await member.GetJsonAsync("/api/v1/notifications?unread=true"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Notifications_from_a_community_the_member_left_are_no_longer_shown()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var member = await app.NewMemberAsync();
        var invitation = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsync($"/api/v1/invitations/{invitation["token"]!.GetValue<string>()}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
        await SendAsync(slug, member.Id, steward.Id, "private news");
        // (The invitation itself was a notification too, addressed to the person rather than the community.)
        Assert.Single((await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "test");

        await (await member.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain((await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "test");
    }

    [Fact]
    public async Task The_notifications_page_lists_them_for_the_signed_in_member_only()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await SendAsync(slug, member.Id, steward.Id, "welcome aboard");
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var page = await browser.PageAsync("/notifications");
        Assert.Contains("welcome aboard", page.QuerySelector("[data-testid=notifications]")!.TextContent);
        var anonymous = await Browser.Open(app).GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Response.StatusCode);
    }

    private async Task SendAsync(string slug, long userId, long actorId, params string[] texts)
    {
        await using var connection = await app.Db.OpenAsync();
        var communityId = await connection.ExecuteScalarAsync<long>("SELECT id FROM communities WHERE slug = @Slug", new { Slug = slug });
        foreach (var text in texts)
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            await Notify.SendAsync(connection, tx, [new NotificationDraft(userId, "test", text, $"/c/{slug}", communityId, ActorId: actorId)], DateTime.UtcNow);
            await tx.CommitAsync();
        }
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class NotificationsOnSqlite(SqliteApp app) : NotificationsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class NotificationsOnPostgres(PostgresApp app) : NotificationsSpec(app);
