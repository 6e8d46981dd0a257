using System.Data.Common;
using Dapper;

namespace Hearth.Features.People;

/// <summary>A member as other features' writes need them: id and names.</summary>
public sealed record PersonRow
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
}

public static class Persons
{
    /// <summary>The member with that user name (case-insensitive, as Identity normalises it), or null.</summary>
    public static Task<PersonRow?> FindAsync(DbConnection connection, DbTransaction? tx, string userName) =>
        connection.QuerySingleOrDefaultAsync<PersonRow>(
            "SELECT id, user_name, display_name FROM users WHERE normalized_user_name = @Name",
            new { Name = userName.Trim().ToUpperInvariant() }, tx);
}
