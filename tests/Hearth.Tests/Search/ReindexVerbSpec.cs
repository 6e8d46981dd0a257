using Dapper;
using Hearth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hearth.Tests.Search;

/// <summary>The reindex verb, run as a real process of the built executable against a SQLite file.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class ReindexVerbSpec : IDisposable
{
    private readonly CliSandbox _cli = new();

    private string ConnectionString => _cli.ConnectionString;

    [Fact]
    public async Task Reindex_rebuilds_a_damaged_index_from_the_tables()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);
        // Damage the index behind the triggers' back: the documents of every post are gone.
        SQLitePCL.Batteries_V2.Init();
        long before;
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            before = await MatchesAsync(connection, "acetone");
            Assert.True(before > 0);
            await connection.ExecuteAsync("INSERT INTO search_posts (search_posts) VALUES ('delete-all')");
            Assert.Equal(0, await MatchesAsync(connection, "acetone"));
            // The check the specs use to prove the index in step does see the damage.
            await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("INSERT INTO search_posts (search_posts, rank) VALUES ('integrity-check', 1)"));
        }

        var result = await RunAsync("reindex");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Search index rebuilt: \d+ posts, 8 members\.", result.Output);

        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            Assert.Equal(before, await MatchesAsync(connection, "acetone"));
            await connection.ExecuteAsync("INSERT INTO search_posts (search_posts, rank) VALUES ('integrity-check', 1)");
        }
    }

    private static Task<long> MatchesAsync(SqliteConnection connection, string word) =>
        connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM search_posts WHERE search_posts MATCH @Word", new { Word = word });

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => _cli.RunAsync(args);

    public void Dispose() => _cli.Dispose();
}
