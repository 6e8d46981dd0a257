using System.Data;
using System.Globalization;
using Dapper;

namespace Hearth.Platform.Data;

/// <summary>
/// The one place instants are converted: SQLite stores UTC text, PostgreSQL timestamptz;
/// both come back as <see cref="DateTime"/> of kind UTC.
/// </summary>
public static class DapperSetup
{
    private static int _done;

    // No DbType is set on parameters: Npgsql infers timestamptz from Kind=Utc, Microsoft.Data.Sqlite writes sortable text.
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new NullableUtcDateTimeHandler());
    }

    internal static DateTime ToUtc(object value) => value switch
    {
        DateTime d => d.Kind == DateTimeKind.Utc ? d : DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read an instant from {value.GetType().Name}."),
    };

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.Value = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        }

        public override DateTime Parse(object value) => ToUtc(value);
    }

    private sealed class NullableUtcDateTimeHandler : SqlMapper.TypeHandler<DateTime?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime? value)
        {
            parameter.Value = value is { } v ? (v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime()) : DBNull.Value;
        }

        public override DateTime? Parse(object value) => value is null or DBNull ? null : ToUtc(value);
    }
}
