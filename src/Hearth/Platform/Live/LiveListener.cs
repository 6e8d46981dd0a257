using Dapper;
using Hearth.Platform.Data;
using Microsoft.Extensions.Options;

namespace Hearth.Platform.Live;

public sealed class LiveOptions
{
    /// <summary>How often a SQLite node looks for new notifications to refresh live counts.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>How often an idle stream sends a comment, so proxies keep it open.</summary>
    public double HeartbeatSeconds { get; set; } = 20;
}

/// <summary>
/// Feeds <see cref="LiveBus"/> from the database. PostgreSQL: a dedicated connection LISTENs on the channel every node
/// NOTIFYs, reconnecting after a failure. SQLite: a cheap look at the newest notification ids (primary-key range).
/// </summary>
public sealed class LiveListener(Db db, LiveBus bus, IOptions<LiveOptions> options, ILogger<LiveListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (db.IsSqlite) await PollAsync(ct);
                else await ListenAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Live listener failed; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenListenerAsync(ct);
        connection.Notification += (_, e) => bus.DispatchPayload(e.Payload);
        await using (var listen = connection.CreateCommand())
        {
            listen.CommandText = $"LISTEN {LiveBus.ChannelName}";
            await listen.ExecuteNonQueryAsync(ct);
        }
        Listening = true;
        try
        {
            while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
        }
        finally
        {
            Listening = false;
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        long last;
        await using (var connection = await db.OpenBackgroundAsync(ct))
            last = await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM notifications") ?? 0;
        Listening = true;
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(interval, ct);
            await using var connection = await db.OpenBackgroundAsync(ct);
            var rows = (await connection.QueryAsync<NewRow>(
                "SELECT user_id, MAX(id) AS max_id FROM notifications WHERE id > @Last GROUP BY user_id", new { Last = last })).ToList();
            foreach (var row in rows)
            {
                bus.Dispatch(LiveEvent.Notification(row.UserId));
                last = Math.Max(last, row.MaxId);
            }
        }
    }

    /// <summary>True once events from the database are being received (tests wait for it).</summary>
    public bool Listening { get; private set; }

    private sealed record NewRow
    {
        public long UserId { get; init; }
        public long MaxId { get; init; }
    }
}
