using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Accounts;

public sealed record AccessTokenView
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }
}

public sealed record TokenOwner
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
}

public sealed record IssuedToken(long Id, string Name, string Token);

/// <summary>Personal access tokens for scripts: issued once in clear, stored hashed, revocable.</summary>
public sealed class AccessTokens(Db db, TimeProvider clock)
{
    public const int MaxName = 80;

    public async Task<Result<IssuedToken>> IssueAsync(long userId, string? name, CancellationToken ct = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (new Validation().Optional("name", name, MaxName, "Name").Problem is { } problem) return problem;
        var token = Tokens.New("hth_");
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (@UserId, @Name, @Hash, @Now) RETURNING id
            """, new { UserId = userId, Name = name, Hash = Tokens.Hash(token), Now = clock.GetUtcNow().UtcDateTime });
        return new IssuedToken(id, name, token);
    }

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccessTokenView>("""
            SELECT id, name, created_at, last_used_at FROM api_tokens
            WHERE user_id = @UserId AND revoked_at IS NULL ORDER BY id DESC
            """, new { UserId = userId });
        return [.. rows];
    }

    public async Task<Result<bool>> RevokeAsync(long userId, long tokenId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @Now WHERE id = @Id AND user_id = @UserId AND revoked_at IS NULL",
            new { Id = tokenId, UserId = userId, Now = clock.GetUtcNow().UtcDateTime });
        return rows == 1 ? true : Problem.NotFound("No such token.");
    }

    /// <summary>The owner of a live token, or null.</summary>
    public async Task<TokenOwner?> FindOwnerAsync(string token, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TokenOwner>("""
            SELECT u.id, u.user_name FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @Hash AND t.revoked_at IS NULL
            """, new { Hash = Tokens.Hash(token) });
    }
}
