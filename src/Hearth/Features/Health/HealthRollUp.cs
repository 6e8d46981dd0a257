using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hearth.Platform.Data;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Health;

public sealed class HealthOptions
{
    /// <summary>Whether the background roll-up runs (tests turn it off and roll up directly).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Minutes between two rounds over every community.</summary>
    public double IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Computes each community's health figures and stores them as one snapshot row (health_snapshots), so the dashboard
/// reads one row however large the community is. A round walks every community; on several nodes each node may
/// compute a community in the same round — the upsert makes that harmless (the later snapshot wins), and a round is
/// a few reads per community.
/// </summary>
public sealed class HealthRollUp(Db db, TimeProvider clock, IOptionsMonitor<HealthOptions> options, ILogger<HealthRollUp> logger) : BackgroundService
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (options.CurrentValue.Enabled) await RunOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or JsonException)
            {
                logger.LogWarning(e, "Health roll-up round failed");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(Math.Max(0.01, options.CurrentValue.IntervalMinutes)), clock, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: every community's figures, computed and stored.</summary>
    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        List<(long Id, string Slug)> communities;
        await using (var connection = await db.OpenBackgroundAsync(ct))
            communities = [.. await connection.QueryAsync<(long, string)>("SELECT id, slug FROM communities ORDER BY id")];
        foreach (var (id, slug) in communities)
        {
            ct.ThrowIfCancellationRequested();
            await RollUpAsync(id, slug, ct);
        }
    }

    /// <summary>Computes one community's figures as of now and stores them as its snapshot.</summary>
    public async Task<HealthFigures> RollUpAsync(long communityId, string slug, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenBackgroundAsync(ct);
        var figures = HealthCalculator.Compute(slug, now, await HealthData.LoadAsync(connection, communityId, now));
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync("""
            INSERT INTO health_snapshots (community_id, computed_at, figures) VALUES (@CommunityId, @Now, @Figures)
            ON CONFLICT (community_id) DO UPDATE SET computed_at = excluded.computed_at, figures = excluded.figures
            """, new { CommunityId = communityId, Now = now, Figures = JsonSerializer.Serialize(figures, Json) }, tx);
        await tx.CommitAsync(ct);
        return figures;
    }

    /// <summary>The stored snapshot of a community, or null before its first roll-up.</summary>
    internal static async Task<HealthFigures?> SnapshotAsync(DbConnection connection, long communityId)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT figures FROM health_snapshots WHERE community_id = @CommunityId", new { CommunityId = communityId });
        return json is null ? null : JsonSerializer.Deserialize<HealthFigures>(json, Json);
    }
}
