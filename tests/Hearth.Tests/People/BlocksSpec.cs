using Dapper;
using Hearth.Features.People;
using Hearth.Tests.Conversation;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.People;

/// <summary>The helpers other features use to honour blocks (mentions, the topic page) after merge.</summary>
public abstract class BlocksSpec(HearthApp app)
{
    [Fact]
    public async Task A_blocked_member_cannot_mention_the_blocker_and_their_posts_are_collapsed_for_them()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var blocked = await app.NewMemberAsync();
        await blocked.JoinAsync(slug);
        var bystander = await app.NewMemberAsync();
        await bystander.JoinAsync(slug);
        await steward.BlockAsync(blocked);

        var topic = await steward.NewTopicAsync(slug);
        var (id, url) = (topic["id"]!.GetValue<long>(), topic["url"]!.GetValue<string>());
        await blocked.ReplyAsync(id, $"Hello @{steward.UserName} and @{bystander.UserName}, a reply only some will hear of.");
        Assert.Empty(await steward.NotificationsAsync("mention"));
        Assert.Single(await bystander.NotificationsAsync("mention"));

        var blockerBrowser = Browser.Open(app);
        await blockerBrowser.SignInAsync(steward.UserName);
        var forBlocker = await blockerBrowser.PageAsync(url);
        var collapsed = Assert.Single(forBlocker.QuerySelectorAll("[data-testid=blocked-post]"));
        Assert.Contains("a reply only some will hear of", collapsed.TextContent);
        var bystanderBrowser = Browser.Open(app);
        await bystanderBrowser.SignInAsync(bystander.UserName);
        var forOthers = await bystanderBrowser.PageAsync(url);
        Assert.Empty(forOthers.QuerySelectorAll("[data-testid=blocked-post]"));
        Assert.Contains("a reply only some will hear of", forOthers.QuerySelector("article.post:last-of-type")!.TextContent);
    }

    [Fact]
    public async Task The_block_helpers_answer_who_blocked_whom_one_way_only()
    {
        var blocker = await app.NewMemberAsync();
        var blocked = await app.NewMemberAsync();
        var bystander = await app.NewMemberAsync();
        await blocker.BlockAsync(blocked);

        await using var connection = await app.Db.OpenAsync();
        Assert.True(await Blocks.IsBlockedAsync(connection, null, blocker.Id, blocked.Id));
        Assert.False(await Blocks.IsBlockedAsync(connection, null, blocked.Id, blocker.Id));
        Assert.Equal([blocker.Id], await Blocks.BlockersAmongAsync(connection, null, [blocker.Id, bystander.Id, blocker.Id], blocked.Id));
        Assert.Empty(await Blocks.BlockersAmongAsync(connection, null, [], blocked.Id));

        // The SQL snippets, as the topic page would use them: one flag per author, for the viewer.
        var flags = (await connection.QueryAsync<Flag>($"""
            SELECT u.id, {Blocks.IsBlockedSql("@Viewer", "u.id")} AS by_predicate, vb.blocker_id IS NOT NULL AS by_join
            FROM users u {Blocks.JoinSql("vb", "@Viewer", "u.id")}
            WHERE u.id IN (@A, @B) ORDER BY u.id
            """, new { Viewer = blocker.Id, A = blocked.Id, B = bystander.Id })).ToList();
        Assert.Equal([(blocked.Id, true, true), (bystander.Id, false, false)], flags.Select(f => (f.Id, f.ByPredicate, f.ByJoin)));
    }

    private sealed record Flag
    {
        public long Id { get; init; }
        public bool ByPredicate { get; init; }
        public bool ByJoin { get; init; }
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class BlocksOnSqlite(SqliteApp app) : BlocksSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class BlocksOnPostgres(PostgresApp app) : BlocksSpec(app);
