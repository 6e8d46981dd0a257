using Dapper;
using Hearth.Platform.Data;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Platform;

[Collection(Engines.Postgres), Trait("Engine", "Both")]
public sealed class SchemaSpec(PostgresApp postgres)
{
    [Fact]
    public async Task Both_engines_end_with_the_same_tables_and_columns()
    {
        await using var sqlite = new SqliteApp();
        await ((IAsyncLifetime)sqlite).InitializeAsync();

        var sqliteColumns = await ColumnsAsync(sqlite.Db);
        var postgresColumns = await ColumnsAsync(postgres.Db);
        Assert.NotEmpty(sqliteColumns);
        Assert.Equal(sqliteColumns, postgresColumns);
        await ((IAsyncLifetime)sqlite).DisposeAsync();
    }

    [Fact]
    public async Task Migrating_again_applies_nothing()
    {
        var applied = await postgres.Services.GetRequiredService<Migrator>().MigrateAsync();
        Assert.Empty(applied);
    }

    // Search indexes are engine-specific by design (#7): FTS5 virtual tables and their shadow tables on SQLite,
    // tsvector document tables on PostgreSQL. All of them, and only they, are named search_*, so they are left out
    // here; every other table must match column for column.
    private static async Task<List<string>> ColumnsAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        var sql = db.IsSqlite
            ? "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'search\\_%' ESCAPE '\\'"
            : "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'search\\_%' ESCAPE '\\'";
        return [.. (await connection.QueryAsync<string>(sql)).Order(StringComparer.Ordinal)];
    }
}
