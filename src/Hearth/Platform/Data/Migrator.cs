using System.Reflection;
using Dapper;

namespace Hearth.Platform.Data;

/// <summary>
/// Applies the numbered scripts of the configured engine (embedded from Platform/Data/&lt;Engine&gt;/NNNN_name.sql)
/// that are not yet recorded in <c>schema_migrations</c>, each in its own transaction.
/// </summary>
public sealed class Migrator(Db db, TimeProvider clock, ILogger<Migrator> logger)
{
    public sealed record Script(int Version, string Name, string Sql);

    public IReadOnlyList<Script> Scripts { get; } = LoadScripts(db.Provider);

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var createTable = db.IsSqlite
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";
        await connection.ExecuteAsync(createTable);

        var applied = new List<string>();
        foreach (var script in Scripts)
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            // Two nodes starting together: the advisory lock makes the second wait, then see the version recorded.
            if (!db.IsSqlite) await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(4242)", transaction: tx);
            var done = await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, tx);
            if (done > 0) { await tx.RollbackAsync(ct); continue; }
            await connection.ExecuteAsync(script.Sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { script.Version, script.Name, At = clock.GetUtcNow().UtcDateTime }, tx);
            await tx.CommitAsync(ct);
            applied.Add($"{script.Version:0000}_{script.Name}");
            logger.LogInformation("Applied migration {Version:0000}_{Name}", script.Version, script.Name);
        }
        return applied;
    }

    private static List<Script> LoadScripts(DbProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Platform.Data.{provider}.";
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_');
            var version = int.Parse(file[..underscore].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        return [.. scripts.OrderBy(s => s.Version)];
    }
}
