using Dapper;
using Hearth.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Features.Accounts;

/// <summary>
/// Identity's user store on Dapper. Uniqueness of user name and e-mail is enforced by the database
/// on the normalized (upper-case) columns, so "Ada" and "ada" cannot both exist.
/// </summary>
public sealed class UserStore(Db db, TimeProvider clock) :
    IUserPasswordStore<User>, IUserEmailStore<User>, IUserLockoutStore<User>, IUserSecurityStampStore<User>
{
    private const string Columns =
        "id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, " +
        "concurrency_stamp, lockout_end, lockout_enabled, access_failed_count, is_admin, display_name, bio, created_at";

    public async Task<IdentityResult> CreateAsync(User user, CancellationToken ct)
    {
        user.CreatedAt = clock.GetUtcNow().UtcDateTime;
        if (string.IsNullOrWhiteSpace(user.DisplayName)) user.DisplayName = user.UserName;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        try
        {
            // The very first account on an instance becomes its admin.
            var created = await connection.QuerySingleAsync<CreatedRow>("""
                INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                    security_stamp, concurrency_stamp, lockout_end, lockout_enabled, access_failed_count, is_admin, display_name, bio, created_at)
                VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @PasswordHash,
                    @SecurityStamp, @ConcurrencyStamp, @LockoutEnd, @LockoutEnabled, @AccessFailedCount,
                    (@IsAdmin OR NOT EXISTS (SELECT 1 FROM users)), @DisplayName, @Bio, @CreatedAt)
                RETURNING id, is_admin
                """, user, tx);
            (user.Id, user.IsAdmin) = (created.Id, created.IsAdmin);
            // The confirmation e-mail is written with the account, so every account gets exactly one.
            if (!user.EmailConfirmed) await AccountMail.EnqueueConfirmationAsync(connection, tx, user.Id, user.Email, user.CreatedAt);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            var message = e.Message.Contains("email", StringComparison.OrdinalIgnoreCase)
                ? new IdentityErrorDescriber().DuplicateEmail(user.Email)
                : new IdentityErrorDescriber().DuplicateUserName(user.UserName);
            return IdentityResult.Failed(message);
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(User user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var previous = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        var rows = await connection.ExecuteAsync("""
            UPDATE users SET user_name = @UserName, normalized_user_name = @NormalizedUserName, email = @Email,
                normalized_email = @NormalizedEmail, email_confirmed = @EmailConfirmed, password_hash = @PasswordHash,
                security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, lockout_end = @LockoutEnd,
                lockout_enabled = @LockoutEnabled, access_failed_count = @AccessFailedCount, display_name = @DisplayName, bio = @Bio
            WHERE id = @Id AND concurrency_stamp = @Previous
            """, new
        {
            user.UserName,
            user.NormalizedUserName,
            user.Email,
            user.NormalizedEmail,
            user.EmailConfirmed,
            user.PasswordHash,
            user.SecurityStamp,
            user.ConcurrencyStamp,
            user.LockoutEnd,
            user.LockoutEnabled,
            user.AccessFailedCount,
            user.DisplayName,
            user.Bio,
            user.Id,
            Previous = previous,
        });
        return rows == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(User user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync("DELETE FROM users WHERE id = @Id", new { user.Id });
        return IdentityResult.Success;
    }

    public Task<User?> FindByIdAsync(string userId, CancellationToken ct) =>
        long.TryParse(userId, out var id) ? FindAsync("id = @Value", id, ct) : Task.FromResult<User?>(null);

    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        FindAsync("normalized_user_name = @Value", normalizedUserName, ct);

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        FindAsync("normalized_email = @Value", normalizedEmail, ct);

    private async Task<User?> FindAsync(string where, object value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE {where}", new { Value = value });
    }

    public Task<string> GetUserIdAsync(User user, CancellationToken ct) => Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Task<string?> GetUserNameAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(User user, string? userName, CancellationToken ct) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken ct) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }
    public Task SetPasswordHashAsync(User user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(User user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(User user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);
    public Task SetEmailAsync(User user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(User user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(User user, bool confirmed, CancellationToken ct) { user.EmailConfirmed = confirmed; return Task.CompletedTask; }
    public Task<string?> GetNormalizedEmailAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(User user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }
    public Task<DateTimeOffset?> GetLockoutEndDateAsync(User user, CancellationToken ct) =>
        Task.FromResult(user.LockoutEnd is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : (DateTimeOffset?)null);
    public Task SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd?.UtcDateTime; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(User user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(User user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(User user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(User user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(User user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }
    public Task SetSecurityStampAsync(User user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(User user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public void Dispose() { }

    private sealed record CreatedRow
    {
        public long Id { get; init; }
        public bool IsAdmin { get; init; }
    }
}
