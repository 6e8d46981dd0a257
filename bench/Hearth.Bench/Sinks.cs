using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hearth.Bench;

internal enum Col { Long, LongNull, Int, Text, TextNull, Bool, Time, TimeNull }

/// <summary>Where generated rows go: bulk writes to one engine, as fast as that engine takes them.</summary>
internal interface ISink : IAsyncDisposable
{
    Task WriteAsync(string table, (string Name, Col Type)[] columns, IEnumerable<object?[]> rows);
    Task ExecuteAsync(string sql);
    Task FinishAsync();
}

/// <summary>
/// SQLite: one connection, prepared INSERTs reused for every row, a transaction per 50,000 rows. The search triggers
/// stay on, so the FTS5 index is built as the posts go in — exactly as the application would build it.
/// </summary>
internal sealed class SqliteSink : ISink
{
    private const int Batch = 50_000;
    private readonly SqliteConnection _connection;

    public SqliteSink(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        // Generation only: losing the file on a crash costs nothing but a rerun. The benchmark runs with Hearth's own settings.
        Run("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;");
    }

    public Task WriteAsync(string table, (string Name, Col Type)[] columns, IEnumerable<object?[]> rows)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        var tx = _connection.BeginTransaction();
        command.Transaction = tx;
        command.Prepare();
        var n = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                parameters[i].Value = row[i] switch { null => DBNull.Value, bool b => b ? 1 : 0, var v => v };
            command.ExecuteNonQuery();
            if (++n % Batch == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = _connection.BeginTransaction();
                command.Transaction = tx;
            }
        }
        tx.Commit();
        tx.Dispose();
        return Task.CompletedTask;
    }

    public Task ExecuteAsync(string sql)
    {
        Run(sql);
        return Task.CompletedTask;
    }

    public Task FinishAsync()
    {
        Run("PRAGMA wal_checkpoint(TRUNCATE);");
        return Task.CompletedTask;
    }

    private void Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// PostgreSQL: binary COPY per table. The search triggers are switched off during the load and the index is then
/// rebuilt in one pass by Hearth's own <c>reindex</c> verb (bench/run.sh runs it): a million trigger calls, each
/// updating a GIN index, would take many times longer than one sorted index build.
/// </summary>
internal sealed class PostgresSink : ISink
{
    private static readonly string[] Tables = ["users", "communities", "community_versions", "memberships", "spaces", "topics", "topic_tags", "posts"];
    private readonly NpgsqlConnection _connection;

    public PostgresSink(string connectionString)
    {
        // No timeout: completing a COPY of a million rows checks every foreign key and takes a while.
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ToString());
        _connection.Open();
        Run("SET synchronous_commit = off;");
        foreach (var table in Tables) Run($"ALTER TABLE {table} DISABLE TRIGGER USER;");
    }

    public async Task WriteAsync(string table, (string Name, Col Type)[] columns, IEnumerable<object?[]> rows)
    {
        // Synchronous writes: a await per field costs more than the field.
        using var copy = _connection.BeginBinaryImport(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is null) { copy.WriteNull(); continue; }
                switch (columns[i].Type)
                {
                    case Col.Long or Col.LongNull: copy.Write(Convert.ToInt64(row[i]), NpgsqlDbType.Bigint); break;
                    case Col.Int: copy.Write(Convert.ToInt32(row[i]), NpgsqlDbType.Integer); break;
                    case Col.Bool: copy.Write((bool)row[i]!, NpgsqlDbType.Boolean); break;
                    case Col.Time or Col.TimeNull: copy.Write((DateTime)row[i]!, NpgsqlDbType.TimestampTz); break;
                    default: copy.Write((string)row[i]!, NpgsqlDbType.Text); break;
                }
            }
        }
        copy.Complete();
        await Task.CompletedTask;
    }

    public Task ExecuteAsync(string sql)
    {
        Run(sql);
        return Task.CompletedTask;
    }

    public Task FinishAsync()
    {
        foreach (var table in Tables)
        {
            Run($"ALTER TABLE {table} ENABLE TRIGGER USER;");
            if (table is not "topic_tags")
                Run($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1));");
        }
        Run("VACUUM (ANALYZE);");
        return Task.CompletedTask;
    }

    private void Run(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
