using Hearth.Features.Accounts;
using Hearth.Features.Portability;
using Hearth.Features.Search;
using Hearth.Platform.Data;

namespace Hearth.Platform.Cli;

/// <summary>
/// Admin sub-commands of the same executable: <c>migrate</c>, <c>admin create</c>, <c>seed --demo</c>, <c>reindex</c>,
/// <c>export</c> and <c>import</c> of a community archive.
/// Anything else on the command line goes to ASP.NET Core configuration as usual.
/// </summary>
public static class Verbs
{
    private static readonly string[] Known = ["migrate", "admin", "seed", "reindex", "export", "import", "help"];

    public static (string? Verb, string[] Remaining) Split(string[] args) =>
        args.Length > 0 && Known.Contains(args[0]) ? (args[0], args[1..]) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string verb, string[] args)
    {
        var services = app.Services;
        switch (verb)
        {
            case "migrate":
                var applied = await services.GetRequiredService<Migrator>().MigrateAsync();
                Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied: {string.Join(", ", applied)}");
                return 0;
            case "admin" when args.Length > 0 && args[0] == "create":
                await app.MigrateAsync();
                return await CreateAdminAsync(services, Options(args[1..]));
            case "seed" when args.Contains("--demo"):
                await app.MigrateAsync();
                var summary = await services.GetRequiredService<DemoSeed>().RunAsync();
                Console.WriteLine(summary);
                return 0;
            case "reindex":
                await app.MigrateAsync();
                var (posts, members) = await services.GetRequiredService<SearchQueries>().RebuildAsync();
                Console.WriteLine($"Search index rebuilt: {posts} posts, {members} members.");
                return 0;
            case "export":
                await app.MigrateAsync();
                return await PortabilityVerbs.ExportAsync(services, Options(args));
            case "import" when args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal):
                await app.MigrateAsync();
                return await PortabilityVerbs.ImportAsync(services, args[0], Options(args[1..]));
            default:
                Console.WriteLine("""
                    Usage: Hearth [verb]
                      (no verb)                                  run the web server
                      migrate                                    apply pending database migrations
                      admin create --user NAME --email E --password P
                                                                 create a site admin
                      seed --demo                                fill the database with demo communities
                      reindex                                    rebuild the search index from the tables
                      export --community SLUG --out FILE         write a community archive (docs/archive-format.md)
                      import FILE --steward USERNAME [--slug S]  recreate a community from an archive; USERNAME
                                                                 becomes its steward, consented members are invited
                    """);
                return verb == "help" ? 0 : 2;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("user", out var user) || !options.TryGetValue("email", out var email) || !options.TryGetValue("password", out var password))
        {
            Console.Error.WriteLine("admin create needs --user, --email and --password.");
            return 2;
        }
        using var scope = services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterUser>().HandleAsync(new RegisterRequest(user, email, password), asAdmin: true);
        if (!result.Ok)
        {
            Console.Error.WriteLine(result.Message);
            foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]>())
                Console.Error.WriteLine($"  {field}: {string.Join(" ", messages)}");
            return 1;
        }
        Console.WriteLine($"Admin '{result.Value!.UserName}' created (id {result.Value.Id}).");
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) options[args[i][2..]] = args[i + 1];
        return options;
    }
}
