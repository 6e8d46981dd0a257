using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Hearth.Platform.Data;

/// <summary>Counts the commands a request runs, so tests can hold read paths to a fixed query budget.</summary>
public sealed class CommandCounter
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);
    internal void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>A connection wrapper whose commands report to a <see cref="CommandCounter"/>.</summary>
internal sealed class CountingConnection(DbConnection inner, CommandCounter counter) : DbConnection
{
    public DbConnection Inner => inner;

    [AllowNull]
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }
    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;
    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Close() => inner.Close();
    public override void Open() => inner.Open();
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Wrap(inner.BeginTransaction(isolationLevel));
    internal DbTransaction Wrap(DbTransaction transaction) => new CountingTransaction(this, transaction);
    protected override DbCommand CreateDbCommand() => new CountingCommand(inner.CreateCommand(), this, counter);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}

internal sealed class CountingTransaction(CountingConnection connection, DbTransaction inner) : DbTransaction
{
    public DbTransaction Inner => inner;
    public override IsolationLevel IsolationLevel => inner.IsolationLevel;
    protected override DbConnection DbConnection => connection;
    public override void Commit() => inner.Commit();
    public override void Rollback() => inner.Rollback();
    public override Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
    public override Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}

internal sealed class CountingCommand(DbCommand inner, CountingConnection connection, CommandCounter counter) : DbCommand
{
    [AllowNull]
    public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }
    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }
    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }
    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }
    protected override DbConnection? DbConnection { get => connection; set { } }
    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => inner.Transaction;
        set => inner.Transaction = value is CountingTransaction t ? t.Inner : value;
    }

    public override void Cancel() => inner.Cancel();
    public override void Prepare() => inner.Prepare();
    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery() { counter.Increment(); return inner.ExecuteNonQuery(); }
    public override object? ExecuteScalar() { counter.Increment(); return inner.ExecuteScalar(); }
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) { counter.Increment(); return inner.ExecuteReader(behavior); }

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) { counter.Increment(); return inner.ExecuteNonQueryAsync(cancellationToken); }
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) { counter.Increment(); return inner.ExecuteScalarAsync(cancellationToken); }

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        counter.Increment();
        return inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
