using Hearth.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Hearth.Tests.Infrastructure;

/// <summary>
/// A real Hearth over a real database of one engine: a fresh SQLite file, or a fresh PostgreSQL database on the
/// server named by HEARTH_TEST_POSTGRES (the test script starts one). Migrations run as in production.
/// </summary>
public abstract class HearthApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected abstract DbProvider Provider { get; }
    protected abstract Task<string> CreateDatabaseAsync();
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public string ConnectionString { get; private set; } = "";
    public DbProvider Engine => Provider;

    /// <summary>Extra settings a derived app may add (for example low rate limits).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _ = Server; // start the host (and so migrate) now, not inside the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Hearth:Database:Provider", Provider.ToString());
        builder.UseSetting("Hearth:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Hearth:RateLimits:LoginsPerMinute", "100000");
        builder.UseSetting("Hearth:RateLimits:RegistrationsPerHour", "100000");
        builder.UseSetting("Hearth:RateLimits:WritesPerMinute", "100000");
        // Tests change rows behind the API's back (SQL in arrange steps); pages they read must be fresh.
        // PageCacheSpec turns it back on to test the cache itself.
        builder.UseSetting("Hearth:PageCache:Seconds", "0");
        // New-member limits (Moderation) would otherwise meet every suite's fresh accounts; ModerationApp restores them.
        foreach (var (key, value) in LenientNewMembers) builder.UseSetting(key, value);
        // Scheduled work (reminders, digests) runs only in the suites that test it, which turn it on.
        builder.UseSetting("Hearth:Scheduler:Enabled", "false");
        // So does the health roll-up: HealthSpec rolls up directly through HealthRollUp.
        builder.UseSetting("Hearth:Health:Enabled", "false");
        // Each app its own attachment folder: the suites run side by side, and tests count the files they leave.
        builder.UseSetting("Hearth:Attachments:Path", AttachmentFolder);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public static readonly KeyValuePair<string, string>[] LenientNewMembers =
    [
        new("Hearth:Moderation:NewMemberMaxLinks", "100000"),
        new("Hearth:Moderation:NewMemberMaxImages", "100000"),
        new("Hearth:Moderation:NewMemberPostsPerWindow", "100000"),
        new("Hearth:Moderation:NewMemberMaxMentions", "100000"),
        new("Hearth:Moderation:MaxMentions", "100000"),
        new("Hearth:Moderation:HoldNewAccountLinks", "false"),
    ];

    public Db Db => Services.GetRequiredService<Db>();

    private string AttachmentFolder { get; } = Path.Combine(Path.GetTempPath(), "hearth-test-attachments-" + Guid.NewGuid().ToString("n")[..12]);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        if (Directory.Exists(AttachmentFolder)) Directory.Delete(AttachmentFolder, recursive: true);
    }
}

public class SqliteApp : HearthApp
{
    private string _folder = "";
    protected override DbProvider Provider => DbProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "hearth-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(_folder);
        return Task.FromResult($"Data Source={Path.Combine(_folder, "hearth.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class PostgresApp : HearthApp
{
    private string _database = "";
    protected override DbProvider Provider => DbProvider.Postgres;

    /// <summary>The server for PostgreSQL suites; without it they fail loudly rather than pass by not running.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "HEARTH_TEST_POSTGRES is not set. Run the tests with ./test.sh, which starts a throw-away PostgreSQL server, " +
                "or point HEARTH_TEST_POSTGRES at one (Host=...;Username=...;Password=...), or filter to SQLite: --filter Engine=Sqlite.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = "hearth_test_" + Guid.NewGuid().ToString("n")[..12];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Each engine's suite shares one app; tests make their own users and communities, so they never collide.</summary>
public static class Engines
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}

[CollectionDefinition(Engines.Sqlite)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>;

[CollectionDefinition(Engines.Postgres)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>;
