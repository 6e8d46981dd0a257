using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Moderation;

/// <param name="Action">Block (refused with 422), Hold (the post waits for a moderator) or Replace (by replacement).</param>
public sealed record WatchedWordRequest(string? Word, string? Action, string? Replacement = null);

public sealed record WatchedWordView
{
    public long Id { get; init; }
    public string Word { get; init; } = "";
    public string Action { get; init; } = "";
    public string Replacement { get; init; } = "";
}

/// <summary>
/// The watched words of a community (its moderators) or of the whole site (admins, with no community). Words are
/// matched whole and ignoring case; a trailing * matches any ending. Adding and removing are audited.
/// </summary>
public sealed class ManageWatchedWords(Db db, TimeProvider clock)
{
    private static readonly string[] Actions = Enum.GetNames<WatchedWordAction>();

    public async Task<Result<Page<WatchedWordView>>> ListAsync(string? slug, long viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var scope = await ScopeAsync(connection, null, slug, viewer);
        if (!scope.Ok) return scope.As<Page<WatchedWordView>>();
        var words = await connection.QueryAsync<WatchedWordView>(
            $"SELECT id, word, action, replacement FROM watched_words WHERE {Where(scope.Value)} ORDER BY word, id", new { CommunityId = scope.Value });
        return Page.Of<WatchedWordView>([.. words]);
    }

    public async Task<Result<WatchedWordView>> AddAsync(string? slug, WatchedWordRequest request, long actorId, CancellationToken ct = default)
    {
        var word = request.Word?.Trim().ToLowerInvariant();
        var validation = new Validation()
            .Require("word", word, ModerationLimits.Word, "Word")
            .Check(request.Action is not null && Actions.Contains(request.Action), "action", "Action must be Block, Hold or Replace.")
            .Optional("replacement", request.Replacement, ModerationLimits.Word, "Replacement");
        if (word is { Length: > 0 } && (word.Trim('*').Length == 0 || word.Any(char.IsWhiteSpace) || word.IndexOf('*') is var star && star >= 0 && star != word.Length - 1))
            validation.Add("word", "A watched word is one word, optionally ending in *.");
        if (request.Action == nameof(WatchedWordAction.Replace) && string.IsNullOrWhiteSpace(request.Replacement))
            validation.Add("replacement", "Say what replaces the word.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var scope = await ScopeAsync(connection, tx, slug, actorId);
        if (!scope.Ok) return scope.As<WatchedWordView>();
        if (validation.Problem is { } invalid) return invalid;
        var now = clock.GetUtcNow().UtcDateTime;
        var exists = await connection.ExecuteScalarAsync<long?>($"SELECT id FROM watched_words WHERE {Where(scope.Value)} AND word = @Word",
            new { CommunityId = scope.Value, Word = word }, tx);
        if (exists is not null) return Problem.Conflict($"\"{word}\" is watched already; remove it first to change its action.");
        var view = new WatchedWordView { Word = word!, Action = request.Action!, Replacement = request.Replacement?.Trim() ?? "" };
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO watched_words (community_id, word, action, replacement, created_by, created_at)
            VALUES (@CommunityId, @Word, @Action, @Replacement, @Actor, @Now) RETURNING id
            """, new { CommunityId = scope.Value, view.Word, view.Action, view.Replacement, Actor = actorId, Now = now }, tx);
        await AuditLog.WriteAsync(connection, tx, scope.Value, actorId, "watch_word", view.Word, view.Action, now);
        await tx.CommitAsync(ct);
        return view with { Id = id };
    }

    public async Task<Result<WatchedWordView>> RemoveAsync(string? slug, long id, long actorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var scope = await ScopeAsync(connection, tx, slug, actorId);
        if (!scope.Ok) return scope.As<WatchedWordView>();
        var word = await connection.QuerySingleOrDefaultAsync<WatchedWordView>(
            $"SELECT id, word, action, replacement FROM watched_words WHERE {Where(scope.Value)} AND id = @Id", new { CommunityId = scope.Value, Id = id }, tx);
        if (word is null) return Problem.NotFound("No such watched word.");
        await connection.ExecuteAsync("DELETE FROM watched_words WHERE id = @Id", new { Id = id }, tx);
        await AuditLog.WriteAsync(connection, tx, scope.Value, actorId, "unwatch_word", word.Word, word.Action, clock.GetUtcNow().UtcDateTime);
        await tx.CommitAsync(ct);
        return word;
    }

    private static string Where(long? communityId) => communityId is null ? "community_id IS NULL" : "community_id = @CommunityId";

    /// <summary>The community's id for its moderators, null (the site) for admins; anyone else finds nothing.</summary>
    private static async Task<Result<long?>> ScopeAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, string? slug, long viewer)
    {
        var admin = await ModerationRecords.IsAdminAsync(connection, viewer, tx);
        if (slug is null)
        {
            if (admin) return (long?)null;
            return Problem.NotFound();
        }
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer, tx);
        if (c is null || !(admin || CommunityPermissions.MaySeeExistence(c))) return Problem.NotFound("No such community.");
        if (!ModerationPermissions.MayModerate(c, admin))
            return CommunityPermissions.MayRead(c) ? Problem.Forbidden("Only the community's moderators manage watched words.") : Problem.NotFound("No such community.");
        return c.Id;
    }
}
