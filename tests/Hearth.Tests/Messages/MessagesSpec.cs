using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.People;

namespace Hearth.Tests.Messages;

public static class MessageSteps
{
    public static Task<HttpResponseMessage> WriteAsync(this Member from, object body) => from.PostAsync("/api/v1/conversations", body);

    public static async Task<JsonNode> StartAsync(this Member from, string subject, string body, params Member[] to) =>
        await (await from.WriteAsync(new { to = to.Select(m => m.UserName).ToArray(), subject, body })).ShouldBe(HttpStatusCode.Created);

    public static async Task<JsonNode> SendOkAsync(this Member member, long conversationId, string body) =>
        await (await member.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { body })).ShouldBe(HttpStatusCode.Created);

    public static async Task<JsonNode?> InboxEntryAsync(this Member member, long conversationId) =>
        (await member.GetJsonAsync("/api/v1/conversations")).Items().SingleOrDefault(i => i["id"]!.GetValue<long>() == conversationId);
}

public abstract class MessagesSpec(HearthApp app)
{
    [Fact]
    public async Task A_conversation_is_visible_only_to_its_participants()
    {
        var ada = await app.NewMemberAsync("ada");
        var bob = await app.NewMemberAsync("bob");
        var cyd = await app.NewMemberAsync("cyd");
        var eve = await app.NewMemberAsync("eve");
        var started = await ada.StartAsync("Bread club", "Shall we meet?", bob, cyd);
        var id = started.Id();
        Assert.Equal([ada.UserName, bob.UserName, cyd.UserName], started["participants"]!.AsArray().Select(p => p!["userName"]!.GetValue<string>()));

        foreach (var participant in new[] { ada, bob, cyd })
            Assert.Equal("Bread club", (await participant.GetJsonAsync($"/api/v1/conversations/{id}"))["subject"]!.GetValue<string>());
        await (await eve.GetAsync($"/api/v1/conversations/{id}")).ShouldFail(HttpStatusCode.NotFound);
        await (await eve.PostAsync($"/api/v1/conversations/{id}/messages", new { body = "Let me in" })).ShouldFail(HttpStatusCode.NotFound);
        // Even an invalid body from a stranger is a 404, not a hint that the conversation exists.
        await (await eve.PostAsync($"/api/v1/conversations/{id}/messages", new { body = "" })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Null(await eve.InboxEntryAsync(id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/conversations")).StatusCode);
    }

    [Fact]
    public async Task Each_participant_has_their_own_unread_state()
    {
        var ada = await app.NewMemberAsync("ada");
        var bob = await app.NewMemberAsync("bob");
        var id = (await ada.StartAsync("Hello", "First *message*", bob)).Id();

        Assert.Equal(0, (await ada.InboxEntryAsync(id))!["unreadCount"]!.GetValue<int>());
        var bobs = (await bob.InboxEntryAsync(id))!;
        Assert.Equal(1, bobs["unreadCount"]!.GetValue<int>());
        Assert.True(bobs["unread"]!.GetValue<bool>());

        var read = await bob.GetJsonAsync($"/api/v1/conversations/{id}");
        Assert.True(read["messages"]![0]!["unread"]!.GetValue<bool>());
        Assert.Equal(0, (await bob.InboxEntryAsync(id))!["unreadCount"]!.GetValue<int>());
        Assert.False((await bob.GetJsonAsync($"/api/v1/conversations/{id}"))["messages"]![0]!["unread"]!.GetValue<bool>());

        await bob.SendOkAsync(id, "Hi back");
        await bob.SendOkAsync(id, "And again");
        Assert.Equal(2, (await ada.InboxEntryAsync(id))!["unreadCount"]!.GetValue<int>());
        Assert.Equal(0, (await bob.InboxEntryAsync(id))!["unreadCount"]!.GetValue<int>());
        var conversation = await ada.GetJsonAsync($"/api/v1/conversations/{id}");
        Assert.Equal(3, conversation["messageCount"]!.GetValue<int>());
        Assert.Equal(["Hi back", "And again"], conversation["messages"]!.AsArray().Skip(1).Select(m => m!["bodyHtml"]!.GetValue<string>().Replace("<p>", "").Replace("</p>", "").Trim()));
    }

    [Fact]
    public async Task A_new_message_notifies_the_other_participants_without_leaking_it_elsewhere()
    {
        var ada = await app.NewMemberAsync("ada");
        var bob = await app.NewMemberAsync("bob");
        var eve = await app.NewMemberAsync("eve");
        var id = (await ada.StartAsync("Secret recipe", "Use rye.", bob)).Id();

        var told = (await bob.GetJsonAsync("/api/v1/notifications")).Items().Single(n => n["kind"]!.GetValue<string>() == "message");
        Assert.StartsWith($"/messages/{id}", told["url"]!.GetValue<string>());
        Assert.Contains("Secret recipe", told["text"]!.GetValue<string>());
        Assert.Empty((await ada.GetJsonAsync("/api/v1/notifications")).Items());
        Assert.DoesNotContain("Secret recipe", (await eve.GetJsonAsync("/api/v1/notifications")).ToJsonString());

        await bob.SendOkAsync(id, "Thanks!");
        Assert.Single((await ada.GetJsonAsync("/api/v1/notifications")).Items(), n => n["kind"]!.GetValue<string>() == "message");
    }

    [Fact]
    public async Task Message_bodies_are_Markdown_rendered_once_and_safely()
    {
        var ada = await app.NewMemberAsync();
        var bob = await app.NewMemberAsync();
        var started = await ada.StartAsync("Links", "See **this** <script>alert(1)</script> [link](javascript:alert(1))", bob);
        var html = started["messages"]![0]!["bodyHtml"]!.GetValue<string>();
        Assert.Contains("<strong>this</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [Fact]
    public async Task Bad_messages_are_refused_field_by_field()
    {
        var ada = await app.NewMemberAsync();
        var bob = await app.NewMemberAsync();
        var empty = await (await ada.WriteAsync(new { to = Array.Empty<string>(), subject = "", body = "" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var errors = empty["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("to") && errors.ContainsKey("subject") && errors.ContainsKey("body"));
        var unknown = await (await ada.WriteAsync(new { to = new[] { bob.UserName, "nobody-by-this-name" }, subject = "Hi", body = "Hi" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("nobody-by-this-name", unknown["errors"]!["to"]![0]!.GetValue<string>());
        await (await ada.WriteAsync(new { to = new[] { ada.UserName }, subject = "Me", body = "Myself" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await ada.WriteAsync(new { to = Enumerable.Range(0, 21).Select(i => $"someone{i}").ToArray(), subject = "All", body = "Hi" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await ada.PostAsync("/api/v1/conversations", new { to = new[] { bob.UserName }, subject = new string('s', 201), body = "Hi" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await bob.GetJsonAsync("/api/v1/conversations")).Items());

        var id = (await ada.StartAsync("Fine", "Fine", bob)).Id();
        await (await bob.PostAsync($"/api/v1/conversations/{id}/messages", new { body = " " })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await bob.GetAsync($"/api/v1/conversations/{id}?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_blocked_member_cannot_message_the_blocker_and_is_not_told_why()
    {
        var blocker = await app.NewMemberAsync("hermit");
        var pest = await app.NewMemberAsync("pest");
        var friend = await app.NewMemberAsync("friend");
        var earlier = (await pest.StartAsync("Before", "Hello", blocker)).Id();
        await blocker.BlockAsync(pest);

        var refused = await (await pest.WriteAsync(new { to = new[] { friend.UserName, blocker.UserName }, subject = "Hi", body = "Hi" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("block", refused["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await friend.InboxEntryAsync(earlier));
        Assert.Empty((await friend.GetJsonAsync("/api/v1/conversations")).Items());
        var inEarlier = await (await pest.PostAsync($"/api/v1/conversations/{earlier}/messages", new { body = "Still there?" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("block", inEarlier["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await blocker.GetJsonAsync($"/api/v1/conversations/{earlier}"))["messageCount"]!.GetValue<int>());

        // The blocker is reminded that they block; the blocked member still writes to others.
        var own = await (await blocker.WriteAsync(new { to = new[] { pest.UserName }, subject = "Hi", body = "Hi" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("unblock", own["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await pest.StartAsync("Hi friend", "Hello", friend);

        await blocker.UnblockAsync(pest);
        await pest.SendOkAsync(earlier, "Sorry.");
    }

    [Fact]
    public async Task The_inbox_is_latest_first_and_keyset_paginated()
    {
        var ada = await app.NewMemberAsync();
        var bob = await app.NewMemberAsync();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add((await ada.StartAsync($"Thread {i}", "Body", bob)).Id());
        await ada.SendOkAsync(ids[0], "Bump");

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await bob.GetJsonAsync($"/api/v1/conversations?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.Items().Select(i => i["id"]!.GetValue<long>()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal([ids[0], ids[3], ids[2], ids[1]], seen);
        await (await bob.GetAsync("/api/v1/conversations?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_inbox_and_a_conversation_run_the_same_number_of_commands_whatever_their_size()
    {
        var ada = await app.NewMemberAsync();
        var bob = await app.NewMemberAsync();
        var cyd = await app.NewMemberAsync();
        var small = (await ada.StartAsync("Small", "One", bob)).Id();
        var big = (await ada.StartAsync("Big", "One", bob, cyd)).Id();
        for (var i = 0; i < 12; i++) await (i % 2 == 0 ? bob : cyd).SendOkAsync(big, $"Message {i}");
        for (var i = 0; i < 8; i++) await cyd.StartAsync($"More {i}", "Hi", ada, bob);

        async Task<int> CountAsync(Func<Task> request)
        {
            await request();
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

        var fewer = await app.NewMemberAsync();
        var lone = (await fewer.StartAsync("Alone", "Hi", ada)).Id();
        var smallInbox = await CountAsync(() => fewer.GetJsonAsync("/api/v1/conversations"));
        var bigInbox = await CountAsync(async () => Assert.Equal(10, (await bob.GetJsonAsync("/api/v1/conversations")).Items().Length));
        Assert.Equal(smallInbox, bigInbox);
        Assert.InRange(bigInbox, 1, 2);
        var smallThread = await CountAsync(() => ada.GetJsonAsync($"/api/v1/conversations/{small}"));
        var bigThread = await CountAsync(() => ada.GetJsonAsync($"/api/v1/conversations/{big}"));
        Assert.Equal(smallThread, bigThread);
        Assert.InRange(bigThread, 1, 2);
        _ = lone;
    }

    [Fact]
    public async Task The_people_and_message_routes_are_in_the_openapi_document()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/users/{userName}", "/api/v1/users/{userName}/activity", "/api/v1/users/{userName}/follow",
            "/api/v1/users/{userName}/block", "/api/v1/me/profile", "/api/v1/communities/{slug}/experts",
            "/api/v1/communities/{slug}/members/{userName}/endorsements/{skill}",
            "/api/v1/conversations", "/api/v1/conversations/{id}", "/api/v1/conversations/{id}/messages",
        })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
            foreach (var (_, operation) in paths[path]!.AsObject())
                Assert.False(string.IsNullOrWhiteSpace(operation?["summary"]?.GetValue<string>()), $"{path} needs a summary");
        }
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class MessagesOnSqlite(SqliteApp app) : MessagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class MessagesOnPostgres(PostgresApp app) : MessagesSpec(app);

/// <summary>Private messages share the members' write budget (RateLimits.Writes), like every other write.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class MessageRateLimitSpec(Hearth.Tests.Platform.LowLimitApp app) : IClassFixture<Hearth.Tests.Platform.LowLimitApp>
{
    [Fact]
    public async Task Writing_too_many_messages_at_once_answers_429()
    {
        var ada = await app.NewMemberAsync();
        var bob = await app.NewMemberAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await ada.WriteAsync(new { to = new[] { bob.UserName }, subject = $"Hello {i}", body = "Hi" })).StatusCode);
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/api/v1/conversations")).StatusCode);
    }
}
