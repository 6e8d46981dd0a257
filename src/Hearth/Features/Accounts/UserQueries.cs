using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.Accounts;

public sealed record MeView
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string Email { get; init; } = "";
    public bool IsAdmin { get; init; }
    public string DisplayName { get; init; } = "";
}

public sealed record ProfileView
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Bio { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>Read side of accounts, for other features and pages.</summary>
public sealed class UserQueries(Db db)
{
    public async Task<MeView?> MeAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MeView>(
            "SELECT id, user_name, email, is_admin, display_name FROM users WHERE id = @UserId", new { UserId = userId });
    }

    public async Task<ProfileView?> ProfileAsync(string userName, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ProfileView>(
            "SELECT id, user_name, display_name, bio, created_at FROM users WHERE normalized_user_name = @Name",
            new { Name = userName.ToUpperInvariant() });
    }

    public async Task<long?> IdOfAsync(string userNameOrEmail, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var key = userNameOrEmail.Trim().ToUpperInvariant();
        return await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT id FROM users WHERE normalized_user_name = @Key OR normalized_email = @Key", new { Key = key });
    }
}
