using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Hearth.Platform.Data;
using Npgsql;

namespace Hearth.Platform.Live;

/// <summary>
/// Something that happened, as ids only: a live stream decides per subscriber whether they may see it, and the page
/// fetches the content through the ordinary (permission-checked) routes.
/// </summary>
public sealed record LiveEvent
{
    /// <summary>"post" (a new reply), "topic" (a new topic) or "notification" (the user's unread count changed).</summary>
    public string Type { get; init; } = "";
    public long? UserId { get; init; }
    public long? CommunityId { get; init; }
    public long? SpaceId { get; init; }
    public long? TopicId { get; init; }
    public int? PostNumber { get; init; }
    public long? ActorId { get; init; }

    public static LiveEvent Notification(long userId) => new() { Type = "notification", UserId = userId };

    public static LiveEvent Post(long communityId, long spaceId, long topicId, int postNumber, long actorId) =>
        new() { Type = "post", CommunityId = communityId, SpaceId = spaceId, TopicId = topicId, PostNumber = postNumber, ActorId = actorId };

    public static LiveEvent Topic(long communityId, long spaceId, long topicId, long actorId) =>
        new() { Type = "topic", CommunityId = communityId, SpaceId = spaceId, TopicId = topicId, ActorId = actorId };
}

/// <summary>A live stream's end of the bus; disposing it unsubscribes.</summary>
public sealed class LiveSubscription(ChannelReader<LiveEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<LiveEvent> Reader { get; } = reader;
    public void Dispose() => unsubscribe();
}

/// <summary>
/// The in-process event bus behind <c>GET /api/v1/live</c>. On PostgreSQL an event is sent with NOTIFY and comes back
/// to every node (this one included) through <see cref="LiveListener"/>, so all nodes see the same events; on SQLite,
/// a single node, it is dispatched here directly.
/// </summary>
public sealed class LiveBus(Db db, ILogger<LiveBus> logger)
{
    public const string ChannelName = "hearth_live";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<long, Channel<LiveEvent>> _subscribers = new();
    private long _next;

    public LiveSubscription Subscribe()
    {
        // A slow reader loses its oldest events rather than holding up the bus; every event is only a hint to refresh.
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Interlocked.Increment(ref _next);
        _subscribers[id] = channel;
        return new LiveSubscription(channel.Reader, () => _subscribers.TryRemove(id, out _));
    }

    public int SubscriberCount => _subscribers.Count;

    public void Dispatch(LiveEvent e)
    {
        foreach (var channel in _subscribers.Values) channel.Writer.TryWrite(e);
    }

    internal void DispatchPayload(string payload)
    {
        try
        {
            foreach (var e in JsonSerializer.Deserialize<LiveEvent[]>(payload, Json) ?? []) Dispatch(e);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a malformed live event");
        }
    }

    /// <summary>Publishes events of a write that has committed.</summary>
    public async Task PublishAsync(LiveEvent e, CancellationToken ct = default)
    {
        if (db.IsSqlite)
        {
            Dispatch(e);
            return;
        }
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync("SELECT pg_notify(@Channel, @Payload)", new { Channel = ChannelName, Payload = JsonSerializer.Serialize(new[] { e }, Json) });
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The write has committed; a lost live hint must not turn it into an error.
            logger.LogWarning(ex, "Could not publish a live event");
        }
    }

    /// <summary>
    /// Queues events inside a PostgreSQL transaction: NOTIFY is delivered when (and only if) it commits. Elsewhere a
    /// no-op (SQLite's notification count is watched by <see cref="LiveListener"/>).
    /// </summary>
    public static async Task NotifyInTransactionAsync(DbConnection connection, DbTransaction tx, IEnumerable<LiveEvent> events)
    {
        if (!IsPostgres(connection)) return;
        // A NOTIFY payload is limited to 8000 bytes: events go in batches well under that.
        foreach (var batch in events.Chunk(40))
            await connection.ExecuteAsync("SELECT pg_notify(@Channel, @Payload)", new { Channel = ChannelName, Payload = JsonSerializer.Serialize(batch, Json) }, tx);
    }

    private static bool IsPostgres(DbConnection connection) =>
        connection is NpgsqlConnection || connection is CountingConnection { Inner: NpgsqlConnection };
}
