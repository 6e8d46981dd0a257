using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <param name="FlagsToHide">How many open flags from trusted members hide a post until reviewed (0: flags never hide).</param>
/// <param name="HoldFirstPosts">Whether new members' (trust 0) first posts wait for a moderator's approval.</param>
/// <param name="PublicLog">Whether members may read the community's moderation log.</param>
public sealed record ModerationSettingsRequest(int? FlagsToHide = null, bool? HoldFirstPosts = null, bool? PublicLog = null);

public sealed record ModerationSettings
{
    public int FlagsToHide { get; init; }
    public bool HoldFirstPosts { get; init; }
    public bool PublicLog { get; init; }
}

/// <summary>Stewards (and admins) choose how their community is moderated; every change is in the audit log.</summary>
public sealed class ChangeModerationSettings(Db db, TimeProvider clock)
{
    internal const string Select = "SELECT flags_to_hide, hold_first_posts, public_moderation_log AS public_log FROM communities WHERE id = @Id";

    public async Task<Result<ModerationSettings>> HandleAsync(string slug, ModerationSettingsRequest request, long actorId, CancellationToken ct = default)
    {
        var validation = new Validation().Check(request.FlagsToHide is null or >= 0 and <= ModerationLimits.MaxFlagsToHide, "flagsToHide",
            $"Flags to hide must be 0–{ModerationLimits.MaxFlagsToHide}.")
            .Check(request is not { FlagsToHide: null, HoldFirstPosts: null, PublicLog: null }, "settings", "Name at least one of flagsToHide, holdFirstPosts or publicLog.");
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, actorId, tx);
        var admin = await ModerationRecords.IsAdminAsync(connection, actorId, tx);
        if (c is null || !(admin || CommunityPermissions.MaySeeExistence(c))) return Problem.NotFound("No such community.");
        if (!ModerationPermissions.MayChangeSettings(c, admin))
            return CommunityPermissions.MayRead(c) ? Problem.Forbidden("Only stewards change moderation settings.") : Problem.NotFound("No such community.");
        if (validation.Problem is { } invalid) return invalid;

        var before = await connection.QuerySingleAsync<ModerationSettings>(Select, new { c.Id }, tx);
        var after = new ModerationSettings
        {
            FlagsToHide = request.FlagsToHide ?? before.FlagsToHide,
            HoldFirstPosts = request.HoldFirstPosts ?? before.HoldFirstPosts,
            PublicLog = request.PublicLog ?? before.PublicLog,
        };
        if (after == before) return after;
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(
            "UPDATE communities SET flags_to_hide = @FlagsToHide, hold_first_posts = @HoldFirstPosts, public_moderation_log = @PublicLog WHERE id = @Id",
            new { after.FlagsToHide, after.HoldFirstPosts, after.PublicLog, c.Id }, tx);
        await AuditLog.WriteAsync(connection, tx, c.Id, actorId, "change_moderation_settings", c.Slug,
            $"flags to hide {after.FlagsToHide}, hold first posts {(after.HoldFirstPosts ? "on" : "off")}, public log {(after.PublicLog ? "on" : "off")}", now);
        await tx.CommitAsync(ct);
        return after;
    }
}
