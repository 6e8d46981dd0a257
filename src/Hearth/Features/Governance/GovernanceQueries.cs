using Hearth.Features.Communities;
using Hearth.Platform.Data;

namespace Hearth.Features.Governance;

/// <summary>Settings and the stewards' queue of pending steward changes, for the API and the pages.</summary>
public sealed class GovernanceQueries(Db db)
{
    public async Task<GovernanceSettings> SettingsAsync(long communityId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await GovernanceSettings.LoadAsync(connection, null, communityId);
    }

    public async Task<IReadOnlyList<StewardChangeView>> PendingStewardChangesAsync(long communityId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await StewardChanges.PendingAsync(connection, communityId);
    }

    /// <summary>Proposals and settings are readable by whoever reads the community's content; outsiders of other communities find nothing.</summary>
    public static bool MayRead(CommunityAccess? c) => c is not null && CommunityPermissions.MaySeeExistence(c) && CommunityPermissions.MayRead(c);
}
