using System.Globalization;
using Dapper;

namespace Hearth.Platform.Data;

/// <summary>
/// "IN (...)" lists that mean the same on both engines. Dapper expands <c>IN @Ids</c> into one parameter per value on
/// SQLite but hands Npgsql the whole list as one array parameter, which <c>IN</c> does not take; so the list is
/// spelled out here, one parameter per value, whatever the engine.
/// </summary>
public static class SqlLists
{
    /// <summary>"(@Id0, @Id1, ...)" for <paramref name="values"/>, whose parameters are added to <paramref name="parameters"/>. Callers check for an empty list first.</summary>
    public static string In<T>(DynamicParameters parameters, string name, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var n = name + names.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(n, value);
            names.Add("@" + n);
        }
        return $"({string.Join(", ", names)})";
    }
}
