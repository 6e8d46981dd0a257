using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

public sealed record PostReactions
{
    public long PostId { get; init; }
    public IReadOnlyDictionary<string, int> Reactions { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> MyReactions { get; init; } = [];
    /// <summary>The post on its topic page, for the no-JavaScript form to return to.</summary>
    public string Url { get; init; } = "";
}

/// <summary>
/// A member adds (or takes back) one reaction of a kind to a post; both are idempotent. The author hears of reactions
/// through ONE unread notification per post, updated as more come, not one per reaction.
/// </summary>
public sealed class ReactToPost(Db db, TimeProvider clock)
{
    public async Task<Result<PostReactions>> HandleAsync(long postId, string? kind, bool add, long memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var loaded = await PostRecords.LoadAsync(connection, postId, memberId, tx);
        if (!loaded.Ok) return loaded.As<PostReactions>();
        var (post, topic) = (loaded.Value!.Post, loaded.Value.Topic);
        if (TopicPermissions.RefuseWrite(topic.Access, "No such post.") is { } refused) return refused;
        if (!post.IsVisible) return Problem.Conflict("Only shown posts take reactions.");
        if (topic.Archived) return Problem.Conflict("This topic is archived; it takes no reactions.");
        if (!ReactionKinds.IsKnown(kind)) return Problem.Field("kind", $"A reaction is one of: {ReactionKinds.Names}.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (add)
        {
            var added = await connection.ExecuteAsync("""
                INSERT INTO post_reactions (post_id, user_id, kind, created_at) VALUES (@PostId, @User, @Kind, @Now)
                ON CONFLICT DO NOTHING
                """, new { PostId = postId, User = memberId, Kind = kind, Now = now }, tx);
            if (added == 1 && post.AuthorId != memberId) await TellAuthorAsync(connection, tx, loaded.Value, memberId, now);
        }
        else
        {
            await connection.ExecuteAsync("DELETE FROM post_reactions WHERE post_id = @PostId AND user_id = @User AND kind = @Kind",
                new { PostId = postId, User = memberId, Kind = kind }, tx);
        }
        var rows = (await connection.QueryAsync<ReactionQueries.CountRow>("""
            SELECT post_id, kind, COUNT(*) AS count, SUM(CASE WHEN user_id = @User THEN 1 ELSE 0 END) AS mine
            FROM post_reactions WHERE post_id = @PostId GROUP BY post_id, kind
            """, new { PostId = postId, User = memberId }, tx)).ToList();
        await tx.CommitAsync(ct);
        var view = ReactionQueries.With(new PostView { Id = postId }, rows);
        return new PostReactions { PostId = postId, Reactions = view.Reactions, MyReactions = view.MyReactions, Url = loaded.Value.Url };
    }

    private static async Task TellAuthorAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, LoadedPost loaded, long actorId, DateTime now)
    {
        var (post, topic) = (loaded.Post, loaded.Topic);
        var who = await connection.QuerySingleAsync<Reactors>("""
            SELECT (SELECT user_name FROM users WHERE id = @Actor) AS actor,
                   (SELECT COUNT(DISTINCT user_id) FROM post_reactions WHERE post_id = @PostId AND user_id <> @Author) AS people
            """, new { Actor = actorId, PostId = post.Id, Author = post.AuthorId }, tx);
        var others = who.People - 1;
        var text = others <= 0 ? $"{who.Actor} reacted to your post in “{topic.Title}”"
            : $"{who.Actor} and {others} {(others == 1 ? "other" : "others")} reacted to your post in “{topic.Title}”";
        // The one unread notification of this post is brought up to date; a new one starts only once it has been read.
        var updated = await connection.ExecuteAsync("""
            UPDATE notifications SET text = @Text, actor_id = @Actor, created_at = @Now
            WHERE user_id = @Author AND kind = 'reaction' AND post_id = @PostId AND read_at IS NULL
            """, new { Text = text, Actor = actorId, Now = now, Author = post.AuthorId, PostId = post.Id }, tx);
        if (updated == 0)
            await Notify.SendAsync(connection, tx, [new NotificationDraft(post.AuthorId, "reaction", text, loaded.Url, topic.CommunityId, topic.Id, post.Id, actorId)], now);
    }

    private sealed record Reactors
    {
        public string Actor { get; init; } = "";
        public long People { get; init; }
    }
}
