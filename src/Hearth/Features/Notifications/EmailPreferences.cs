using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Notifications;

public sealed record EmailPreferencesRequest(bool? EmailNotifications, string? Digest);

public sealed record EmailPreferencesView
{
    public bool EmailNotifications { get; init; }
    public string Digest { get; init; } = "none";
}

/// <summary>A member's e-mail settings; also what a one-click unsubscribe changes.</summary>
public sealed class EmailPreferences(Db db)
{
    public static readonly string[] Digests = ["none", "daily", "weekly"];

    public async Task<EmailPreferencesView> GetAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<EmailPreferencesView>(
            "SELECT email_notifications, digest FROM users WHERE id = @Id", new { Id = userId });
    }

    public async Task<Result<EmailPreferencesView>> SetAsync(long userId, EmailPreferencesRequest request, CancellationToken ct = default)
    {
        var digest = request.Digest?.Trim().ToLowerInvariant();
        var validation = new Validation()
            .Check(digest is null || Digests.Contains(digest), "digest", "Digest must be none, daily or weekly.")
            .Check(request.EmailNotifications is not null || digest is not null, "emailNotifications", "Send emailNotifications, digest or both.");
        if (validation.Problem is { } invalid) return invalid;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        await connection.ExecuteAsync("""
            UPDATE users SET email_notifications = COALESCE(@Email, email_notifications), digest = COALESCE(@Digest, digest) WHERE id = @Id
            """, new { Id = userId, Email = request.EmailNotifications, Digest = digest }, tx);
        var view = await connection.QuerySingleAsync<EmailPreferencesView>(
            "SELECT email_notifications, digest FROM users WHERE id = @Id", new { Id = userId }, tx);
        await tx.CommitAsync(ct);
        return view;
    }

    /// <summary>Leaves one list; answers false when the member no longer exists.</summary>
    public async Task<bool> UnsubscribeAsync(long userId, string list, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = list == "digest"
            ? "UPDATE users SET digest = 'none' WHERE id = @Id"
            : "UPDATE users SET email_notifications = FALSE WHERE id = @Id";
        return await connection.ExecuteAsync(sql, new { Id = userId }) == 1;
    }
}
