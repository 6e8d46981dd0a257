using System.Data.Common;
using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Email;
using Hearth.Platform.Results;
using Hearth.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Features.Accounts;

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmRequest(string? Token, string? Password);

public sealed record PasswordResetAccepted(string Message);

/// <summary>
/// One-use links sent by e-mail (confirm the address, reset the password): the token is shown only in the message;
/// only its hash is kept, and it works once, before it expires.
/// </summary>
public static class AccountMail
{
    public const string ConfirmEmail = "confirm_email";
    public const string ResetPassword = "reset_password";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    public static async Task EnqueueConfirmationAsync(DbConnection connection, DbTransaction tx, long userId, string email, DateTime now)
    {
        var token = await IssueAsync(connection, tx, userId, ConfirmEmail, ConfirmLifetime, now);
        await Outbox.EnqueueAsync(connection, tx, new OutgoingMail("confirm_email", userId, email, "Confirm your e-mail address",
            "Welcome to Hearth! Confirm that this address is yours by opening this link (it works for 7 days):",
            $"/account/confirm-email?token={Uri.EscapeDataString(token)}"), now);
    }

    internal static async Task<string> IssueAsync(DbConnection connection, DbTransaction tx, long userId, string purpose, TimeSpan lifetime, DateTime now)
    {
        var token = Tokens.New(purpose == ConfirmEmail ? "hce_" : "hrp_");
        await connection.ExecuteAsync("""
            INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES (@UserId, @Purpose, @Hash, @Now, @Expires)
            """, new { UserId = userId, Purpose = purpose, Hash = Tokens.Hash(token), Now = now, Expires = now + lifetime }, tx);
        return token;
    }

    /// <summary>Uses a token up (conditionally, so it works once even when sent twice at the same moment); answers its user.</summary>
    internal static async Task<long?> RedeemAsync(DbConnection connection, DbTransaction tx, string? token, string purpose, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>("""
            SELECT id, user_id FROM account_tokens
            WHERE token_hash = @Hash AND purpose = @Purpose AND used_at IS NULL AND expires_at > @Now
            """, new { Hash = Tokens.Hash(token.Trim()), Purpose = purpose, Now = now }, tx);
        if (row is null) return null;
        var used = await connection.ExecuteAsync("UPDATE account_tokens SET used_at = @Now WHERE id = @Id AND used_at IS NULL", new { Now = now, row.Id }, tx);
        return used == 1 ? row.UserId : null;
    }

    private sealed record TokenRow
    {
        public long Id { get; init; }
        public long UserId { get; init; }
    }
}

/// <summary>Confirms the address a confirmation link was sent to.</summary>
public sealed class ConfirmEmailAddress(Db db, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(string? token, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var userId = await AccountMail.RedeemAsync(connection, tx, token, AccountMail.ConfirmEmail, clock.GetUtcNow().UtcDateTime);
        if (userId is null) return Problem.NotFound("This link is not valid (any more).");
        await connection.ExecuteAsync("UPDATE users SET email_confirmed = TRUE WHERE id = @Id", new { Id = userId }, tx);
        await tx.CommitAsync(ct);
        return true;
    }
}

/// <summary>
/// Password reset. Asking always answers the same, whether or not the address has an account (so the form cannot be
/// used to find out who is registered); an account gets a one-hour link by e-mail, written in the same transaction.
/// </summary>
public sealed class PasswordReset(Db db, TimeProvider clock, IPasswordHasher<User> hasher)
{
    public const string Accepted = "If an account has this address, a link to choose a new password is on its way.";

    public async Task<Result<PasswordResetAccepted>> RequestAsync(PasswordResetRequest request, CancellationToken ct = default)
    {
        var email = request.Email?.Trim();
        var validation = new Validation().Require("email", email, 254, "E-mail");
        if (validation.Problem is { } invalid) return invalid;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(
            "SELECT id, email FROM users WHERE normalized_email = @Email", new { Email = email!.ToUpperInvariant() }, tx);
        if (user is not null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var token = await AccountMail.IssueAsync(connection, tx, user.Id, AccountMail.ResetPassword, AccountMail.ResetLifetime, now);
            await Outbox.EnqueueAsync(connection, tx, new OutgoingMail("reset_password", user.Id, user.Email, "Choose a new Hearth password",
                "Someone (hopefully you) asked to reset your Hearth password. Choose a new one here within an hour; if it was not you, ignore this message:",
                $"/account/reset-password?token={Uri.EscapeDataString(token)}"), now);
        }
        await tx.CommitAsync(ct);
        return new PasswordResetAccepted(Accepted);
    }

    public async Task<Result<PasswordResetAccepted>> ConfirmAsync(PasswordResetConfirmRequest request, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Require("token", request.Token, 200, "Token")
            .Require("password", request.Password, 200, "Password");
        if (request.Password is { Length: > 0 and < 8 }) validation.Add("password", "Passwords must be at least 8 characters.");
        if (validation.Problem is { } invalid) return invalid;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var userId = await AccountMail.RedeemAsync(connection, tx, request.Token, AccountMail.ResetPassword, clock.GetUtcNow().UtcDateTime);
        if (userId is null) return Problem.NotFound("This link is not valid (any more); ask for a new one.");
        // A new security stamp signs out other sessions; the reset also lifts a lockout and proves the address.
        await connection.ExecuteAsync("""
            UPDATE users SET password_hash = @Hash, security_stamp = @Stamp, concurrency_stamp = @Concurrency,
                access_failed_count = 0, lockout_end = NULL, email_confirmed = TRUE
            WHERE id = @Id
            """, new { Id = userId, Hash = hasher.HashPassword(new User(), request.Password!), Stamp = Guid.NewGuid().ToString("N"), Concurrency = Guid.NewGuid().ToString() }, tx);
        await tx.CommitAsync(ct);
        return new PasswordResetAccepted("Your password has been changed; sign in with it.");
    }

    private sealed record UserRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
    }
}
