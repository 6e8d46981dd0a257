using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Discussions;

/// <param name="WhoCanStart">Members or Moderators; by default Moderators for Announcements, Members otherwise.</param>
/// <param name="AllowReplies">Whether its topics take replies; by default they do.</param>
public sealed record AddSpaceRequest(string? Name, string? Slug, string? Kind, string? Description = null, string? WhoCanStart = null, bool? AllowReplies = null);

/// <summary>Stewards add a space of one of the six kinds to their community.</summary>
public sealed class AddSpace(Db db, TimeProvider clock)
{
    public async Task<Result<SpaceView>> HandleAsync(string communitySlug, AddSpaceRequest request, long stewardId, CancellationToken ct = default)
    {
        var slug = request.Slug?.Trim().ToLowerInvariant();
        var validation = new Validation()
            .Require("name", request.Name?.Trim(), DiscussionLimits.SpaceName, "Name")
            .Require("slug", slug, 40, "Slug")
            .Optional("description", request.Description?.Trim(), DiscussionLimits.SpaceDescription, "Description")
            .Check(Enum.TryParse<SpaceKind>(request.Kind, ignoreCase: false, out var kind) && Enum.IsDefined(kind), "kind",
                "Kind must be Discussion, Questions, Ideas, Announcements, Articles or Events.")
            .Check(request.WhoCanStart is null || (Enum.TryParse<WhoCanStart>(request.WhoCanStart, false, out var w) && Enum.IsDefined(w)), "whoCanStart",
                "Who can start topics must be Members or Moderators.");
        if (!string.IsNullOrEmpty(slug)) validation.Check(Slugs.IsValid(slug), "slug", "Slug must be 2–40 lower-case letters, digits or single hyphens.");
        var whoCanStart = request.WhoCanStart ?? (kind == SpaceKind.Announcements ? nameof(WhoCanStart.Moderators) : nameof(WhoCanStart.Members));

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, communitySlug, stewardId, tx);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (!TopicPermissions.MayAddSpace(c)) return Problem.Forbidden("Only stewards add spaces.");
        if (validation.Problem is { } invalid) return invalid;

        var space = new SpaceView
        {
            Slug = slug!,
            Name = request.Name!.Trim(),
            Kind = kind.ToString(),
            Description = request.Description?.Trim() ?? "",
            WhoCanStart = whoCanStart,
            AllowReplies = request.AllowReplies ?? true,
        };
        try
        {
            await connection.ExecuteAsync("""
                INSERT INTO spaces (community_id, slug, name, kind, description, who_can_start, position, created_at, allow_replies)
                VALUES (@CommunityId, @Slug, @Name, @Kind, @Description, @WhoCanStart,
                        (SELECT COALESCE(MAX(position), -1) + 1 FROM spaces WHERE community_id = @CommunityId), @Now, @AllowReplies)
                """, new { CommunityId = c.Id, space.Slug, space.Name, space.Kind, space.Description, space.WhoCanStart, Now = clock.GetUtcNow().UtcDateTime, space.AllowReplies }, tx);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problem.Conflict($"This community already has a space '{slug}'.");
        }
        return space;
    }
}
