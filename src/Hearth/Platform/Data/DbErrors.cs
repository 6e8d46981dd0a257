using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Platform.Data;

/// <summary>Recognises engine errors that are expected outcomes rather than bugs.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
