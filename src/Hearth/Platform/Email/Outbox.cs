using System.Data.Common;
using Dapper;

namespace Hearth.Platform.Email;

/// <summary>
/// A message to send. Link: a site path the message points to (made absolute when sent). List: the mailing list a
/// member can leave with one click ("notifications", "digest"); null for account and invitation mail, which is not
/// a list and carries no unsubscribe header.
/// </summary>
public sealed record OutgoingMail(string Kind, long? UserId, string To, string Subject, string Body, string Link, string? List = null);

/// <summary>Writes messages to the outbox, inside the caller's transaction: a message exists if and only if its cause does.</summary>
public static class Outbox
{
    public static Task EnqueueAsync(DbConnection connection, DbTransaction tx, OutgoingMail mail, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO email_outbox (kind, user_id, to_address, subject, body, link, list, state, due_at, attempts, created_at)
            VALUES (@Kind, @UserId, @To, @Subject, @Body, @Link, @List, 'pending', @Now, 0, @Now)
            """, new { mail.Kind, mail.UserId, mail.To, mail.Subject, mail.Body, mail.Link, mail.List, Now = now }, tx);
}

public sealed class SmtpOptions
{
    /// <summary>No host: e-mail is off (the outbox still records every message, and sends once a host is set).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Hearth <hearth@localhost>";
}

public sealed class EmailOptions
{
    /// <summary>The site's public address, for links in messages.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";
    public double PollSeconds { get; set; } = 5;
    /// <summary>How long a notification e-mail waits, so one read on the site meanwhile is not sent at all.</summary>
    public double NotificationDelaySeconds { get; set; } = 300;
    public int MaxAttempts { get; set; } = 6;
    public double RetryBaseSeconds { get; set; } = 30;
    /// <summary>A claim older than this is taken to belong to a node that died, and the message is claimed again.</summary>
    public double ClaimTimeoutSeconds { get; set; } = 600;
}
