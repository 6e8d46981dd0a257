using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Platform.Data;

/// <summary>
/// Opens connections to the configured engine. Features write portable SQL and ask
/// <see cref="Provider"/> only for the few statements whose dialects differ.
/// </summary>
public sealed class Db : IDisposable
{
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlite = "";

    public Db(DbProvider provider, string connectionString)
    {
        Provider = provider;
        if (provider == DbProvider.Postgres)
        {
            // Hot paths run the same few statements all day: prepared once per connection, PostgreSQL skips parsing
            // and planning them (the topic page went from 750 to 1,850 requests a second at a million posts).
            // A connection string that says otherwise wins.
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!builder.ContainsKey("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
            if (!builder.ContainsKey("Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
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
            // Both are settings of the native connection, which the pool keeps: set them once, not on every open
            // (two statements prepared per request were a tenth of the reference page's cost).
            if (!Configured.TryGetValue(sqlite.Handle!, out _))
            {
                Execute(sqlite, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;");
                Configured.AddOrUpdate(sqlite.Handle!, Marker);
            }
            connection = sqlite;
        }
        return connection;
    }

    /// <summary>
    /// Begins a write transaction. On SQLite, which has one writer at a time, writers of a database first queue on
    /// an in-process gate, in order, and then take the write lock at once (BEGIN IMMEDIATE). Left to busy_timeout
    /// alone, waiting writers sleep in steps that grow to 100 ms: 32 concurrent replies then had a p99 of 3.9 s
    /// (bench/RESULTS.md). The gate is held until the connection closes, so a use case may run several transactions
    /// on its connection; another process on the same file still meets busy_timeout.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        var counting = connection as CountingConnection;
        if ((counting?.Inner ?? connection) is not SqliteConnection sqlite) return await connection.BeginTransactionAsync(ct);
        await SqliteWriteGate.EnterAsync(sqlite, ct);
        var tx = sqlite.BeginTransaction(deferred: false);
        return counting is null ? tx : counting.Wrap(tx);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _postgres?.Dispose();
}
