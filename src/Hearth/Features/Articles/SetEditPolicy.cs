using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Articles;

/// <param name="EditPolicy">Wiki (every active member edits) or Authors (the author, the credited people and moderators).</param>
public sealed record SpaceSettingsRequest(string? EditPolicy);

/// <summary>
/// Stewards choose who edits the articles of an Articles space. A new space starts as a Wiki; the change is written to
/// the community's audit log, since it changes what every member may do.
/// </summary>
public sealed class SetEditPolicy(Db db, TimeProvider clock)
{
    public async Task<Result<SpaceSettingsView>> HandleAsync(string communitySlug, string spaceSlug, SpaceSettingsRequest request, long stewardId, CancellationToken ct = default)
    {
        var validation = new Validation().Check(
            Enum.TryParse<EditPolicy>(request.EditPolicy, ignoreCase: false, out var policy) && Enum.IsDefined(policy),
            "editPolicy", "The edit policy is Wiki or Authors.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, communitySlug, stewardId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        var space = await connection.QuerySingleOrDefaultAsync<SpaceSettingsView>(
            "SELECT slug, name, kind, edit_policy FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { CommunityId = c.Id, Slug = spaceSlug.ToLowerInvariant() }, tx);
        // A space of a community the viewer may not read is as unknown as the rest of its content.
        if (space is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such space.");
        if (!ArticlePermissions.MaySetEditPolicy(c)) return Problem.Forbidden("Only stewards change a space's settings.");
        if (validation.Problem is { } invalid) return invalid;
        if (space.Kind != nameof(SpaceKind.Articles)) return Problem.Field("editPolicy", "Only Articles spaces have an edit policy.");
        if (space.EditPolicy == policy.ToString()) return space;

        await connection.ExecuteAsync("UPDATE spaces SET edit_policy = @Policy WHERE community_id = @CommunityId AND slug = @Slug",
            new { Policy = policy.ToString(), CommunityId = c.Id, space.Slug }, tx);
        await AuditLog.WriteAsync(connection, tx, c.Id, stewardId, "space.edit_policy", $"space:{space.Slug}", $"{space.EditPolicy} → {policy}",
            clock.GetUtcNow().UtcDateTime);
        await tx.CommitAsync(ct);
        return space with { EditPolicy = policy.ToString() };
    }
}
