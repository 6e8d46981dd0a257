using System.Diagnostics;

namespace Hearth.Tests.Infrastructure;

/// <summary>
/// A throw-away folder with a SQLite file, where the built executable runs as a real process (the admin verbs), and
/// where a test host can then open the same file to look at what the verbs did.
/// </summary>
public sealed class CliSandbox : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "hearth-cli", Guid.NewGuid().ToString("n"));

    public CliSandbox() => Directory.CreateDirectory(Folder);

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "hearth.db")}";

    /// <summary>Runs <c>Hearth [args]</c> on the sandbox's database; stdout and stderr together.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Hearth__Database__Provider"] = "Sqlite";
        start.Environment["Hearth__Database__ConnectionString"] = ConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A started Hearth over the database file the verbs wrote.</summary>
    public async Task<SqliteApp> OpenAppAsync()
    {
        var app = new FileSqliteApp(ConnectionString);
        await ((IAsyncLifetime)app).InitializeAsync();
        return app;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private sealed class FileSqliteApp(string connectionString) : SqliteApp
    {
        protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
        protected override Task DropDatabaseAsync() => Task.CompletedTask;
    }
}
