using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Hearth.Browser.Tests.Infrastructure;

/// <summary>
/// Hearth on a real Kestrel socket over a fresh SQLite file, and one headless Chromium (Debian's, never a
/// downloaded one) that every test opens its own browser contexts in. Shared by the whole browser suite:
/// tests make their own people and communities, so they never collide.
/// </summary>
public sealed class HearthSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hearth-browser-tests", Guid.NewGuid().ToString("n"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the site answers, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    /// <summary>Where screenshots of flows' end states go: beside the test assembly, never in the repository.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("HEARTH_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Checked before anything starts, so a machine without Chromium fails with a message that says how to fix it,
        // rather than skipping the suite or failing deep inside Playwright.
        var chromium = Environment.GetEnvironmentVariable("HEARTH_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. The browser tests drive a real Chromium: install Debian's " +
                "(apt-get install chromium) or point HEARTH_CHROMIUM at a Chromium executable. Do not run 'playwright install'.");
        }

        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host only serves published assets; the browser should see the real stylesheet.
        builder.UseStaticWebAssets();
        builder.UseSetting("Hearth:Database:Provider", "Sqlite");
        builder.UseSetting("Hearth:Database:ConnectionString", $"Data Source={Path.Combine(_folder, "hearth.db")}");
        builder.UseSetting("Hearth:RateLimits:LoginsPerMinute", "100000");
        builder.UseSetting("Hearth:RateLimits:RegistrationsPerHour", "100000");
        builder.UseSetting("Hearth:RateLimits:WritesPerMinute", "100000");
    }

    /// <summary>A person at their own browser: a fresh context, so cookies never leak between people.</summary>
    public async Task<Person> NewPersonAsync(string prefix = "person")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new Person(this, context, page, Names.Unique(prefix));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HearthSite>
{
    public const string Name = "Browser";
}

public static class Names
{
    private static int _sequence;

    /// <summary>A unique, valid user name or slug fragment for this run.</summary>
    public static string Unique(string prefix) =>
        $"{prefix}{Interlocked.Increment(ref _sequence)}{Guid.NewGuid().ToString("n")[..6]}";
}
