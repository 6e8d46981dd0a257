using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Portability;

public sealed record ExportConsentRequest(bool? Consent);

public sealed record ExportConsentView(bool Consent);

/// <summary>
/// A member's own choice to be named in the community's exports (user name, display name, e-mail, role); off until
/// they turn it on. Only the member sets it: no steward, API or import can.
/// </summary>
public sealed class ExportConsent(Db db, TimeProvider clock)
{
    public async Task<Result<ExportConsentView>> GetAsync(string slug, long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, userId);
        if (Refuse(c) is { } refused) return refused;
        return new ExportConsentView(await connection.ExecuteScalarAsync<bool>(
            "SELECT export_consent FROM memberships WHERE community_id = @Id AND user_id = @UserId", new { c!.Id, UserId = userId }));
    }

    public async Task<Result<ExportConsentView>> SetAsync(string slug, ExportConsentRequest request, long userId, CancellationToken ct = default)
    {
        if (request.Consent is not { } consent) return Problem.Field("consent", "Say true to be named in community exports, or false not to be.");
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, userId, tx);
        if (Refuse(c) is { } refused) return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync("UPDATE memberships SET export_consent = @Consent, updated_at = @Now WHERE community_id = @Id AND user_id = @UserId",
            new { Consent = consent, Now = now, c!.Id, UserId = userId }, tx);
        await tx.CommitAsync(ct);
        return new ExportConsentView(consent);
    }

    private static Problem? Refuse(CommunityAccess? c) =>
        c is null || !CommunityPermissions.MaySeeExistence(c) ? Problem.NotFound("No such community.")
        : !c.IsActiveMember ? Problem.Forbidden("Only members choose whether community exports name them.")
        : null;
}
