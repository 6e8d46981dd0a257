using Dapper;
using Hearth.Platform.Data;

namespace Hearth.Features.Portability;

/// <summary>The admin verbs <c>export</c> and <c>import</c>: the same use cases as the API, run by the operator.</summary>
public static class PortabilityVerbs
{
    public static async Task<int> ExportAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("community", out var slug) || !options.TryGetValue("out", out var path))
        {
            Console.Error.WriteLine("export needs --community SLUG and --out FILE.");
            return 2;
        }
        var export = services.GetRequiredService<ExportCommunity>();
        if (await export.TicketForOperatorAsync(slug) is not { } ticket)
        {
            Console.Error.WriteLine($"No community '{slug}'.");
            return 1;
        }
        var full = Path.GetFullPath(path);
        var partial = full + ".part";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await export.WriteAsync(ticket, file);
        File.Move(partial, full, overwrite: true);
        Console.WriteLine($"Exported '{ticket.Slug}' to {full} ({new FileInfo(full).Length} bytes).");
        return 0;
    }

    public static async Task<int> ImportAsync(IServiceProvider services, string path, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("steward", out var steward))
        {
            Console.Error.WriteLine("import needs FILE and --steward USERNAME.");
            return 2;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No file {path}.");
            return 1;
        }
        long? stewardId;
        await using (var connection = await services.GetRequiredService<Db>().OpenAsync())
            stewardId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_user_name = @Name", new { Name = steward.ToUpperInvariant() });
        if (stewardId is null)
        {
            Console.Error.WriteLine($"No user '{steward}'.");
            return 1;
        }
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var result = await services.GetRequiredService<ImportCommunity>().HandleAsync(file, options.GetValueOrDefault("slug"), stewardId.Value);
        if (!result.Ok)
        {
            Console.Error.WriteLine(result.Message);
            foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]>())
                Console.Error.WriteLine($"  {field}: {string.Join(" ", messages)}");
            return 1;
        }
        var c = result.Value!;
        Console.WriteLine($"Imported '{c.Slug}' ({c.Url}): {c.Topics} topics, {c.Posts} posts, {c.Attachments} attachments, {c.Invitations} invitations sent.");
        return 0;
    }
}
