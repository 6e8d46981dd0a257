using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Announcements;

/// <summary>Fields left null are unchanged.</summary>
/// <param name="AllowReplies">Whether the space's topics take replies (an announcements board often does not).</param>
public sealed record EditSpaceRequest(string? Name = null, string? Description = null, string? WhoCanStart = null, bool? AllowReplies = null);

/// <summary>Stewards change a space's name, description, who may start topics in it, and whether its topics take replies.</summary>
public sealed class EditSpace(Db db, TimeProvider clock)
{
    public async Task<Result<SpaceView>> HandleAsync(string communitySlug, string spaceSlug, EditSpaceRequest request, long stewardId, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Optional("name", request.Name?.Trim(), DiscussionLimits.SpaceName, "Name")
            .Optional("description", request.Description?.Trim(), DiscussionLimits.SpaceDescription, "Description")
            .Check(request.Name is null || !string.IsNullOrWhiteSpace(request.Name), "name", "Name cannot be empty.")
            .Check(request.WhoCanStart is null || (Enum.TryParse<WhoCanStart>(request.WhoCanStart, false, out var w) && Enum.IsDefined(w)), "whoCanStart",
                "Who can start topics must be Members or Moderators.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, communitySlug, stewardId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (!AnnouncementRules.MayEditSpace(c)) return Problem.Forbidden("Only stewards change a space.");
        if (validation.Problem is { } invalid) return invalid;

        var space = await connection.QuerySingleOrDefaultAsync<SpaceView>("""
            UPDATE spaces SET name = COALESCE(@Name, name), description = COALESCE(@Description, description),
                who_can_start = COALESCE(@WhoCanStart, who_can_start), allow_replies = COALESCE(@AllowReplies, allow_replies)
            WHERE community_id = @CommunityId AND slug = @Slug
            RETURNING slug, name, kind, description, who_can_start, topic_count, allow_replies
            """, new
        {
            Name = request.Name?.Trim(),
            Description = request.Description?.Trim(),
            request.WhoCanStart,
            request.AllowReplies,
            CommunityId = c.Id,
            Slug = spaceSlug.Trim().ToLowerInvariant(),
        }, tx);
        if (space is null) return Problem.NotFound("No such space.");
        await AuditLog.WriteAsync(connection, tx, c.Id, stewardId, "edit_space", $"space {space.Slug}",
            $"who_can_start={space.WhoCanStart}; allow_replies={space.AllowReplies}", clock.GetUtcNow().UtcDateTime);
        await tx.CommitAsync(ct);
        return space;
    }
}
