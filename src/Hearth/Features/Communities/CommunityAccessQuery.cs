using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.Communities;

/// <summary>Loads a community with the viewer's role and state in one query; every feature's authorisation starts here.</summary>
public sealed class CommunityAccessQuery(Db db)
{
    private const string Select = """
        SELECT c.id, c.slug, c.name, c.kind, c.domain, c.visibility, c.join_policy, c.status, c.rules_version, c.member_count,
               m.role AS viewer_role, m.state AS viewer_state
        FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
        """;

    public async Task<CommunityAccess?> BySlugAsync(string slug, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await BySlugAsync(connection, slug, viewer);
    }

    public static Task<CommunityAccess?> BySlugAsync(System.Data.Common.DbConnection connection, string slug, long? viewer, System.Data.Common.DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<CommunityAccess>($"{Select} WHERE c.slug = @Slug", new { Slug = slug.ToLowerInvariant(), Viewer = viewer ?? 0 }, tx);

    public static Task<CommunityAccess?> ByIdAsync(System.Data.Common.DbConnection connection, long id, long? viewer, System.Data.Common.DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<CommunityAccess>($"{Select} WHERE c.id = @Id", new { Id = id, Viewer = viewer ?? 0 }, tx);
}
