using System.Net;
using System.Net.Http.Json;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Cli;

/// <summary>The admin verbs, run as a real process of the built executable against a fresh SQLite file.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class VerbsSpec : IDisposable
{
    private readonly CliSandbox _cli = new();

    private string ConnectionString => _cli.ConnectionString;

    [Fact]
    public async Task Migrate_creates_the_schema_once()
    {
        var first = await RunAsync("migrate");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("0001_foundation", first.Output);
        var second = await RunAsync("migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output);
    }

    [Fact]
    public async Task Admin_create_makes_a_site_admin_who_can_sign_in()
    {
        var created = await RunAsync("admin", "create", "--user", "root_admin", "--email", "root@example.test", "--password", "a long password");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("root_admin", created.Output);

        await using var app = await _cli.OpenAppAsync();
        var client = app.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = "root_admin", password = "a long password" })).ShouldBe(HttpStatusCode.Created);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token["token"]!.GetValue<string>());
        var me = await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        Assert.True(me["isAdmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Seed_demo_fills_a_living_site_once()
    {
        var seeded = await RunAsync("seed", "--demo");
        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains("Seeded 4 communities", seeded.Output);
        Assert.Contains("already seeded", (await RunAsync("seed", "--demo")).Output);

        await using var app = await _cli.OpenAppAsync();
        var client = app.CreateClient();
        var directory = await (await client.GetAsync("/api/v1/communities")).ShouldBe(HttpStatusCode.OK);
        var kinds = directory["items"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(["Interest", "Practice"], kinds.Order());
        Assert.Equal(3, directory["items"]!.AsArray().Count); // the Private one is unlisted
        var topics = await (await client.GetAsync("/api/v1/communities/sourdough/topics")).ShouldBe(HttpStatusCode.OK);
        Assert.True(topics["items"]!.AsArray().Count >= 2);
        Assert.Contains(topics["items"]!.AsArray(), t => t!["replyCount"]!.GetValue<int>() >= 2);
        var spaces = await (await client.GetAsync("/api/v1/communities/sre/spaces")).ShouldBe(HttpStatusCode.OK);
        var spaceKinds = spaces["items"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "Discussion", "Questions", "Ideas", "Announcements", "Articles", "Events" }, spaceKinds);
    }

    [Fact]
    public async Task Admin_create_without_its_options_explains_itself()
    {
        var result = await RunAsync("admin", "create", "--user", "x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--email", result.Output);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => _cli.RunAsync(args);

    public void Dispose() => _cli.Dispose();
}
