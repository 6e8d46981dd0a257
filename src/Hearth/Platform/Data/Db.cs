using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Platform.Data;

/// <summary>
/// Opens connections to the configured engine. Features write portable SQL and ask
/// <see cref="Provider"/> only for the few statements whose dialects differ.
/// </summary>
public sealed class Db : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlite = "";

    public Db(DbProvider provider, string connectionString)
    {
        Provider = provider;
        if (provider == DbProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            SQLitePCL.Batteries_V2.Init();
            var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            _sqlite = builder.ToString();
            using var connection = new SqliteConnection(_sqlite);
            connection.Open();
            // WAL lets readers run beside the one writer; it is a property of the file, set once.
            Execute(connection, "PRAGMA journal_mode=WAL;");
        }
    }

    public DbProvider Provider { get; }

    /// <summary>Opens a connection of its own, outside the counted wrapper, for a PostgreSQL LISTEN that lives as long as the app.</summary>
    public Task<NpgsqlConnection> OpenListenerAsync(CancellationToken ct = default) =>
        _postgres is null ? throw new InvalidOperationException("LISTEN needs PostgreSQL.") : _postgres.OpenConnectionAsync(ct).AsTask();

    public bool IsSqlite => Provider == DbProvider.Sqlite;

    /// <summary>Counts commands run through this instance's connections (query-budget tests read it).</summary>
    public CommandCounter? Counter { get; set; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = await OpenBackgroundAsync(ct);
        return Counter is null ? connection : new CountingConnection(connection, Counter);
    }

    /// <summary>A connection for background workers, never counted: their polling is no request's cost.</summary>
    public async Task<DbConnection> OpenBackgroundAsync(CancellationToken ct = default)
    {
        DbConnection connection;
        if (_postgres is not null)
        {
            connection = await _postgres.OpenConnectionAsync(ct);
        }
        else
        {
            var sqlite = new SqliteConnection(_sqlite);
            await sqlite.OpenAsync(ct);
            // A writer waits up to 5 s for the lock instead of failing at once; synchronous=NORMAL is safe under WAL.
            Execute(sqlite, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;");
            connection = sqlite;
        }
        return connection;
    }

    /// <summary>
    /// Begins a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE),
    /// so two writers queue on busy_timeout instead of deadlocking on a lock upgrade.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false)
        : connection is CountingConnection { Inner: SqliteConnection inner } counting ? counting.Wrap(inner.BeginTransaction(deferred: false))
        : connection.BeginTransaction();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _postgres?.Dispose();
}
