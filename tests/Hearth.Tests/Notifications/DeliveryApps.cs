using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Notifications;

/// <summary>
/// A real SMTP server for the run: Debian's python3-aiosmtpd, delivering into a maildir the tests read. Missing it is a
/// failure that says how to fix it, never a skip.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    public int Port { get; }
    public string Maildir { get; }

    private SmtpServer(Process process, int port, string root)
    {
        (_process, Port, _root) = (process, port, root);
        Maildir = Path.Combine(root, "maildir");
    }

    public static async Task<SmtpServer> StartAsync()
    {
        if (!File.Exists("/usr/bin/python3"))
            throw new InvalidOperationException("The SMTP tests need /usr/bin/python3 with aiosmtpd: apt-get install python3-aiosmtpd.");
        var port = FreePort();
        var root = Path.Combine(Path.GetTempPath(), "hearth-tests", "smtp-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);
        // aiosmtpd's Mailbox handler creates the maildir itself and refuses one that exists.
        var info = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(root, "maildir")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var server = new SmtpServer(process, port, root);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} — apt-get install python3-aiosmtpd.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Every message delivered so far.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        var list = new List<ReceivedMail>();
        foreach (var file in Directory.GetFiles(folder))
        {
            try { list.Add(ReceivedMail.Parse(File.ReadAllText(file))); }
            catch (IOException) { }
        }
        return list;
    }

    /// <summary>Waits (bounded) for messages matching <paramref name="match"/>; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<ReceivedMail, bool> match, int count = 1, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Messages().Where(match).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Expected {count} matching message(s), found {found.Count}; all: {string.Join(" | ", Messages().Select(m => m.To + ": " + m.Subject))}");
            await Task.Delay(100);
        }
    }

    public IReadOnlyList<ReceivedMail> To(string address) =>
        [.. Messages().Where(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A delivered message: headers (unfolded, encoded words decoded) and the decoded text body.</summary>
public sealed record ReceivedMail(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string To => Header("To");
    public string Subject => Header("Subject");
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";

    /// <summary>The first http(s) link in the body that contains <paramref name="part"/>.</summary>
    public string Link(string part) =>
        Body.Split([' ', '\n', '\r', '<', '>'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.StartsWith("http", StringComparison.Ordinal) && w.Contains(part, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No link with '{part}' in: {Body}");

    public static ReceivedMail Parse(string raw)
    {
        raw = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? "" : raw[(split + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += line.TrimStart();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[last] = headers.TryGetValue(last, out var existing) ? existing + ", " + value : value;
        }
        foreach (var key in headers.Keys.ToList()) headers[key] = DecodeWords(headers[key]);
        var encoding = headers.TryGetValue("Content-Transfer-Encoding", out var cte) ? cte.ToLowerInvariant() : "7bit";
        var text = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())))),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
        return new ReceivedMail(headers, text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static string DecodeWords(string value)
    {
        // =?utf-8?B?...?= and =?utf-8?Q?...?=, as System.Net.Mail writes non-ASCII subjects.
        return System.Text.RegularExpressions.Regex.Replace(value, @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*", m =>
        {
            var bytes = m.Groups[2].Value is "B" or "b"
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintableBytes(m.Groups[3].Value.Replace('_', ' '));
            return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
        });
    }

    private static string QuotedPrintable(string body) => Encoding.UTF8.GetString(QuotedPrintableBytes(body.Replace("=\n", "", StringComparison.Ordinal)));

    private static byte[] QuotedPrintableBytes(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '=' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        }
        return [.. bytes];
    }
}

/// <summary>Settings that make delivery quick to observe: no hold on notification e-mails, short polls and backoff.</summary>
internal static class DeliverySettings
{
    public const string BaseUrl = "http://hearth.test";

    public static IEnumerable<KeyValuePair<string, string>> For(SmtpServer smtp) =>
    [
        new("Hearth:Smtp:Host", "127.0.0.1"),
        new("Hearth:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Hearth:Smtp:From", "Hearth <hearth@hearth.test>"),
        new("Hearth:Email:BaseUrl", BaseUrl),
        new("Hearth:Email:PollSeconds", "0.1"),
        new("Hearth:Email:NotificationDelaySeconds", "0"),
        new("Hearth:Email:RetryBaseSeconds", "0.1"),
        new("Hearth:Email:MaxAttempts", "3"),
        new("Hearth:Scheduler:Enabled", "true"),
        new("Hearth:Scheduler:PollSeconds", "0.2"),
        new("Hearth:Live:PollSeconds", "0.1"),
        new("Hearth:Live:HeartbeatSeconds", "1"),
    ];
}

public interface IDeliveryApp
{
    SmtpServer Smtp { get; }
}

public sealed class DeliverySqliteApp : SqliteApp, IDeliveryApp
{
    private SmtpServer? _smtp;
    public SmtpServer Smtp => _smtp ?? throw new InvalidOperationException("SMTP not started.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        return await base.CreateDatabaseAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings => DeliverySettings.For(Smtp);

    protected override async Task DropDatabaseAsync()
    {
        try { await base.DropDatabaseAsync(); }
        finally { if (_smtp is not null) await _smtp.DisposeAsync(); }
    }
}

public sealed class DeliveryPostgresApp : PostgresApp, IDeliveryApp
{
    private SmtpServer? _smtp;
    public SmtpServer Smtp => _smtp ?? throw new InvalidOperationException("SMTP not started.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        return await base.CreateDatabaseAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings => DeliverySettings.For(Smtp);

    protected override async Task DropDatabaseAsync()
    {
        try { await base.DropDatabaseAsync(); }
        finally { if (_smtp is not null) await _smtp.DisposeAsync(); }
    }
}

public static class DeliveryEngines
{
    public const string Sqlite = "Delivery.Sqlite";
    public const string Postgres = "Delivery.Postgres";
}

[CollectionDefinition(DeliveryEngines.Sqlite)]
public sealed class DeliverySqliteCollection : ICollectionFixture<DeliverySqliteApp>;

[CollectionDefinition(DeliveryEngines.Postgres)]
public sealed class DeliveryPostgresCollection : ICollectionFixture<DeliveryPostgresApp>;
