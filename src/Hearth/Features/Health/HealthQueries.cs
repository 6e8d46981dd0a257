using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Health;

/// <summary>A community's figures as a viewer may see them: <see cref="Full"/> for stewards and moderators, otherwise the members' summary.</summary>
public sealed record HealthDashboard(CommunityAccess Community, HealthFigures Figures, bool Full);

/// <summary>
/// The read side of Health: the stored snapshot, behind the community's access rules. Outsiders of a community whose
/// content they may not read get NotFound (so private communities stay unknown); readers who are neither steward nor
/// moderator get Forbidden, except active members asking for the summary. Before the first roll-up the figures are
/// computed once, on demand, and stored.
/// </summary>
public sealed class HealthQueries(Db db, HealthRollUp rollUp)
{
    public async Task<Result<HealthDashboard>> GetAsync(string slug, long? viewer, bool summaryForMembers = false, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !CommunityPermissions.MaySeeExistence(c) || !CommunityPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var full = MaySeeFigures(c);
        if (!full && !(summaryForMembers && c.IsActiveMember)) return Problem.Forbidden("Health figures are for the community's stewards and moderators.");
        var figures = await HealthRollUp.SnapshotAsync(connection, c.Id) ?? await rollUp.RollUpAsync(c.Id, c.Slug, ct);
        return new HealthDashboard(c, figures with { Community = c.Slug }, full);
    }

    /// <summary>Stewards and moderators see every figure.</summary>
    public static bool MaySeeFigures(CommunityAccess c) => CommunityPermissions.MayModerate(c);
}
