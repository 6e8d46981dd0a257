using System.Diagnostics;
using System.Net;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Portability;

/// <summary>The export and import verbs, run as a real process of the built executable against a fresh SQLite file.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class PortabilityVerbsSpec : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hearth-cli", Guid.NewGuid().ToString("n"));

    public PortabilityVerbsSpec() => Directory.CreateDirectory(_folder);

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "hearth.db")}";

    [Fact]
    public async Task Export_and_import_verbs_move_a_community_through_a_file()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        Assert.Equal(0, (await RunAsync("admin", "create", "--user", "operator", "--email", "op@example.test", "--password", "a long password")).ExitCode);
        var file = Path.Combine(_folder, "sourdough.zip");
        var exported = await RunAsync("export", "--community", "sourdough", "--out", file);
        Assert.True(exported.ExitCode == 0, exported.Output);
        Assert.True(new FileInfo(file).Length > 0);

        Assert.Equal(1, (await RunAsync("import", file, "--steward", "nobody-here")).ExitCode);
        var refused = await RunAsync("import", file, "--steward", "operator");
        Assert.Equal(1, refused.ExitCode); // the slug is taken on this instance
        Assert.Contains("taken", refused.Output);
        var imported = await RunAsync("import", file, "--steward", "operator", "--slug", "sourdough-2");
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("sourdough-2", imported.Output);

        await using var app = new FileSqliteApp(ConnectionString);
        await ((IAsyncLifetime)app).InitializeAsync();
        var client = app.CreateClient();
        var before = await (await client.GetAsync("/api/v1/communities/sourdough/topics")).ShouldBe(HttpStatusCode.OK);
        var after = await (await client.GetAsync("/api/v1/communities/sourdough-2/topics")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(before["items"]!.AsArray().Select(t => t!["title"]!.GetValue<string>()).Order(),
            after["items"]!.AsArray().Select(t => t!["title"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Help_names_the_portability_verbs_and_they_explain_missing_options()
    {
        var help = await RunAsync("help");
        Assert.Contains("export --community SLUG --out FILE", help.Output);
        Assert.Contains("import FILE --steward USERNAME", help.Output);
        Assert.Equal(2, (await RunAsync("export", "--community", "x")).ExitCode);
        Assert.Equal(2, (await RunAsync("import", "x.zip")).ExitCode);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class FileSqliteApp(string connectionString) : SqliteApp
    {
        protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
        protected override Task DropDatabaseAsync() => Task.CompletedTask;
    }
}
