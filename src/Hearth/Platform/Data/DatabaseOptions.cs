namespace Hearth.Platform.Data;

/// <summary>The database engines Hearth speaks.</summary>
public enum DbProvider { Sqlite, Postgres }

/// <summary>Bound from <c>Hearth:Database</c>; the defaults run an embedded SQLite file in <c>data/</c>.</summary>
public sealed class DatabaseOptions
{
    public DbProvider Provider { get; set; } = DbProvider.Sqlite;

    /// <summary>Empty means <c>Data Source=data/hearth.db</c> under the content root.</summary>
    public string ConnectionString { get; set; } = "";
}
