using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <param name="Seconds">The least time between one member's posts there; 0 turns slow mode off.</param>
public sealed record SlowModeRequest(int? Seconds, string? Reason);

public sealed record SlowModeSet(string Target, int Seconds, long ActionId);

/// <summary>Moderators slow a heated topic or a whole space down: each member may post there once every N seconds.</summary>
public sealed class SetSlowMode(Db db, TimeProvider clock)
{
    public Task<Result<SlowModeSet>> ForTopicAsync(long topicId, SlowModeRequest request, long actorId, CancellationToken ct = default) =>
        SetAsync("SELECT t.community_id AS id, t.id AS target_id FROM topics t WHERE t.id = @Topic", new { Topic = topicId },
            "UPDATE topics SET slow_mode_seconds = @Seconds WHERE id = @TargetId", $"topic {topicId}", topicId, request, actorId, ct);

    public Task<Result<SlowModeSet>> ForSpaceAsync(string slug, string space, SlowModeRequest request, long actorId, CancellationToken ct = default) =>
        SetAsync("""
            SELECT c.id, s.id AS target_id FROM communities c JOIN spaces s ON s.community_id = c.id
            WHERE c.slug = @Slug AND s.slug = @Space
            """, new { Slug = slug.ToLowerInvariant(), Space = space.ToLowerInvariant() },
            "UPDATE spaces SET slow_mode_seconds = @Seconds WHERE id = @TargetId", $"space {space}", null, request, actorId, ct);

    private async Task<Result<SlowModeSet>> SetAsync(string find, object args, string update, string target, long? topicId,
        SlowModeRequest request, long actorId, CancellationToken ct)
    {
        var validation = new Validation()
            .Check(request.Seconds is >= 0 and <= ModerationLimits.MaxSlowModeSeconds, "seconds", $"Seconds must be 0–{ModerationLimits.MaxSlowModeSeconds}.")
            .Optional("reason", request.Reason, ModerationLimits.Reason, "Reason");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var found = await connection.QuerySingleOrDefaultAsync<Found>(find, args, tx);
        if (found is null) return Problem.NotFound(topicId is null ? "No such space." : "No such topic.");
        var c = await CommunityAccessQuery.ByIdAsync(connection, found.Id, actorId, tx);
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        if (c is null || !ModerationPermissions.MayModerate(c, admin))
            return c is not null && CommunityPermissions.MayRead(c) && CommunityPermissions.MaySeeExistence(c)
                ? Problem.Forbidden("Only the community's moderators set slow mode.")
                : Problem.NotFound(topicId is null ? "No such space." : "No such topic.");
        if (validation.Problem is { } invalid) return invalid;

        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(update, new { request.Seconds, found.TargetId }, tx);
        var reason = request.Reason?.Trim() ?? "";
        var actionId = await ModerationRecords.RecordAsync(connection, tx,
            new ActionRecord(c.Id, actorId, ActionKind.SlowMode, target, $"{request.Seconds} s{(reason.Length > 0 ? ": " + reason : "")}", TopicId: topicId), now);
        await tx.CommitAsync(ct);
        return new SlowModeSet(target, request.Seconds!.Value, actionId);
    }

    private sealed record Found
    {
        public long Id { get; init; }
        public long TargetId { get; init; }
    }
}
