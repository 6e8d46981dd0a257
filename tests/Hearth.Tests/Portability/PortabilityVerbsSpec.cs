using System.Net;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Portability;

/// <summary>The export and import verbs, run as a real process of the built executable against a fresh SQLite file.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class PortabilityVerbsSpec : IDisposable
{
    private readonly CliSandbox _cli = new();

    private string ConnectionString => _cli.ConnectionString;

    [Fact]
    public async Task Export_and_import_verbs_move_a_community_through_a_file()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        Assert.Equal(0, (await RunAsync("admin", "create", "--user", "operator", "--email", "op@example.test", "--password", "a long password")).ExitCode);
        var file = Path.Combine(_cli.Folder, "sourdough.zip");
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

        await using var app = await _cli.OpenAppAsync();
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

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => _cli.RunAsync(args);

    public void Dispose() => _cli.Dispose();
}
