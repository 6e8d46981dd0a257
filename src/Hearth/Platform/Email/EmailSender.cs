using System.Net;
using System.Net.Mail;
using Dapper;
using Hearth.Platform.Data;
using Microsoft.Extensions.Options;

namespace Hearth.Platform.Email;

/// <summary>
/// Sends the outbox. Each round claims a few due messages in one short transaction — on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes claim disjoint rows; on SQLite the claiming UPDATE runs under the
/// database's single write lock — then sends them outside it. A failure is retried with exponential backoff, up to
/// MaxAttempts. A notification e-mail is held for NotificationDelaySeconds and dropped if the member read the
/// notification on the site meanwhile, turned notification e-mail off, or may no longer see the community.
/// </summary>
public sealed class EmailSender(Db db, TimeProvider clock, IOptionsMonitor<SmtpOptions> smtp, IOptionsMonitor<EmailOptions> options,
    UnsubscribeTokens unsubscribe, ILogger<EmailSender> logger) : BackgroundService
{
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("n")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (!string.IsNullOrWhiteSpace(smtp.CurrentValue.Host)) sent = await RunOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(e, "E-mail sender round failed");
            }
            if (sent > 0) continue; // more may be waiting
            try { await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollSeconds)), clock, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and handles one batch; answers how many messages it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var batch = await ClaimAsync(ct);
        foreach (var message in batch) await DeliverAsync(message, ct);
        return batch.Count;
    }

    private async Task<IReadOnlyList<Claimed>> ClaimAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenBackgroundAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var rows = (await connection.QueryAsync<Claimed>($"""
            UPDATE email_outbox SET state = 'sending', claimed_at = @Now, claimed_by = @Node, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM email_outbox
                WHERE ((state = 'pending' AND due_at <= @Now AND (kind <> 'notification' OR created_at <= @HeldUntil))
                       OR (state = 'sending' AND claimed_at < @Stale))
                ORDER BY due_at, id
                LIMIT 20
                {(db.IsSqlite ? "" : "FOR UPDATE SKIP LOCKED")})
            RETURNING id, kind, user_id, notification_id, to_address, subject, body, link, list, attempts
            """, new
        {
            Now = now,
            Node = _node,
            HeldUntil = now - TimeSpan.FromSeconds(o.NotificationDelaySeconds),
            Stale = now - TimeSpan.FromSeconds(o.ClaimTimeoutSeconds),
        }, tx)).ToList();
        await tx.CommitAsync(ct);
        return rows;
    }

    private async Task DeliverAsync(Claimed message, CancellationToken ct)
    {
        if (message.NotificationId is { } notificationId && !await StillWantedAsync(notificationId, ct))
        {
            await FinishAsync(message.Id, "skipped", null, ct);
            return;
        }
        try
        {
            using var mail = Compose(message);
            var s = smtp.CurrentValue;
            using var client = new SmtpClient(s.Host!, s.Port) { EnableSsl = s.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 30_000 };
            if (!string.IsNullOrEmpty(s.UserName)) client.Credentials = new NetworkCredential(s.UserName, s.Password);
            await client.SendMailAsync(mail, ct);
            await FinishAsync(message.Id, "sent", null, ct);
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or FormatException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning(e, "Sending e-mail {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
            var o = options.CurrentValue;
            if (message.Attempts >= o.MaxAttempts)
            {
                await FinishAsync(message.Id, "failed", e.Message, ct);
                return;
            }
            var backoff = TimeSpan.FromSeconds(Math.Min(3600, o.RetryBaseSeconds * Math.Pow(2, message.Attempts - 1)));
            await using var connection = await db.OpenBackgroundAsync(ct);
            await connection.ExecuteAsync("""
                UPDATE email_outbox SET state = 'pending', due_at = @Due, claimed_at = NULL, claimed_by = NULL, last_error = @Error
                WHERE id = @Id AND claimed_by = @Node
                """, new { message.Id, Due = clock.GetUtcNow().UtcDateTime + backoff, Error = Truncate(e.Message), Node = _node });
        }
    }

    private MailMessage Compose(Claimed message)
    {
        var o = options.CurrentValue;
        var baseUrl = o.BaseUrl.TrimEnd('/');
        // Digests list many links; they are stored with a {base} placeholder for the site's address.
        var body = message.Body.Replace("{base}", baseUrl, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(message.Link)) body += $"\n\n{baseUrl}{message.Link}";
        var mail = new MailMessage { From = new MailAddress(smtp.CurrentValue.From), Subject = message.Subject, IsBodyHtml = false };
        mail.To.Add(new MailAddress(message.ToAddress));
        if (message.List is { } list && message.UserId is { } userId)
        {
            var url = baseUrl + UnsubscribeTokens.Path(unsubscribe.Create(userId, list));
            body += $"\n\n--\nYou receive this because of your e-mail settings on Hearth. Unsubscribe: {url}";
            mail.Headers.Add("List-Unsubscribe", $"<{url}>");
            mail.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mail.Headers.Add("X-Hearth-Kind", message.Kind);
        mail.Body = body;
        mail.BodyEncoding = System.Text.Encoding.UTF8;
        mail.SubjectEncoding = System.Text.Encoding.UTF8;
        return mail;
    }

    private async Task<bool> StillWantedAsync(long notificationId, CancellationToken ct)
    {
        await using var connection = await db.OpenBackgroundAsync(ct);
        return await connection.ExecuteScalarAsync<bool>("""
            SELECT COUNT(*) > 0 FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.id = @Id AND n.read_at IS NULL AND u.email_notifications = TRUE
              AND (n.community_id IS NULL OR EXISTS (
                    SELECT 1 FROM memberships m WHERE m.community_id = n.community_id AND m.user_id = n.user_id AND m.state = 'Active'))
            """, new { Id = notificationId });
    }

    private async Task FinishAsync(long id, string state, string? error, CancellationToken ct)
    {
        await using var connection = await db.OpenBackgroundAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE email_outbox SET state = @State, sent_at = @Now, last_error = @Error WHERE id = @Id AND claimed_by = @Node",
            new { Id = id, State = state, Now = clock.GetUtcNow().UtcDateTime, Error = error is null ? null : Truncate(error), Node = _node });
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];

    private sealed record Claimed
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? UserId { get; init; }
        public long? NotificationId { get; init; }
        public string ToAddress { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public string Link { get; init; } = "";
        public string? List { get; init; }
        public int Attempts { get; init; }
    }
}
