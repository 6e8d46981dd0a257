using System.Collections.Concurrent;
using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Hearth.Platform.Data;

/// <summary>
/// One writer at a time per SQLite file, queued in this process instead of spinning on the file lock. A connection
/// enters once and leaves when it closes (however the use case ends: commit, rollback or exception).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<SqliteConnection, SemaphoreSlim> Holders = new();

    public static async Task EnterAsync(SqliteConnection connection, CancellationToken ct)
    {
        if (Holders.TryGetValue(connection, out _)) return;
        var gate = Gates.GetOrAdd(Path.GetFullPath(connection.DataSource), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        Holders.Add(connection, gate);
        connection.StateChange += LeaveOnClose;
    }

    private static void LeaveOnClose(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState != ConnectionState.Closed || sender is not SqliteConnection connection) return;
        connection.StateChange -= LeaveOnClose;
        if (Holders.TryGetValue(connection, out var gate) && Holders.Remove(connection)) gate.Release();
    }
}
