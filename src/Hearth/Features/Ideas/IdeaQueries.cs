using System.Globalization;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Ideas;

/// <summary>The orders of an Ideas list: <c>?sort=latest</c> (activity, the default), <c>newest</c> (creation), <c>votes</c>.</summary>
public enum IdeaSort { Latest, Newest, Votes }

public static class IdeaSorts
{
    /// <summary>Lower-case wire names; no sort at all is Latest.</summary>
    public static bool TryParse(string? text, out IdeaSort sort)
    {
        sort = IdeaSort.Latest;
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var s in Enum.GetValues<IdeaSort>())
        {
            if (string.Equals(text, Wire(s), StringComparison.Ordinal)) { sort = s; return true; }
        }
        return false;
    }

    public static string Wire(IdeaSort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>Each order's keyset and ORDER BY, matching one index of topics on (space_id, ..., id).</summary>
    internal static (string Keyset, string OrderBy) Sql(IdeaSort sort) => sort switch
    {
        IdeaSort.Votes => ("(t.vote_count, t.id) < (@AfterVotes, @AfterId)", "t.vote_count DESC, t.id DESC"),
        IdeaSort.Newest => ("(t.created_at, t.id) < (@AfterAt, @AfterId)", "t.created_at DESC, t.id DESC"),
        _ => ("(t.last_activity_at, t.id) < (@AfterAt, @AfterId)", "t.last_activity_at DESC, t.id DESC"),
    };

    /// <summary>The raw cursor of the last topic shown: (votes, id) for sort=votes, (instant, id) for the others.</summary>
    internal static string CursorOf(IdeaSort sort, TopicSummary t) => sort switch
    {
        IdeaSort.Votes => $"{(t.Votes ?? 0).ToString(CultureInfo.InvariantCulture)}|{t.Id.ToString(CultureInfo.InvariantCulture)}",
        IdeaSort.Newest => $"{Page.Instant(t.CreatedAt)}|{t.Id.ToString(CultureInfo.InvariantCulture)}",
        _ => TopicCursor.Of(t),
    };
}

/// <summary>Where an Ideas list resumes; which fields count depends on the sort.</summary>
internal sealed record IdeaCursor(int Votes, DateTime At, long Id)
{
    public static bool TryParse(IdeaSort sort, string? cursor, out IdeaCursor? after)
    {
        after = null;
        var parts = Page.Decode(cursor);
        if (parts is null) return false;
        if (parts.Length == 0) return true;
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        if (sort == IdeaSort.Votes)
        {
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var votes)) return false;
            after = new IdeaCursor(votes, default, id);
            return true;
        }
        if (!Page.TryInstant(parts[0], out var at)) return false;
        after = new IdeaCursor(0, at, id);
        return true;
    }
}

/// <summary>Read side of Ideas: an Ideas space's lists by votes, newest or latest activity, optionally of one status.</summary>
public sealed class IdeaQueries(Db db)
{
    /// <summary>
    /// One page of an Ideas space's topics. Two commands: the access row, then the space, the topics and their tags
    /// together. Invalid means the list asked for cannot be made — no Ideas space named, an unknown status or sort, or a
    /// malformed cursor (the API answers 400).
    /// </summary>
    public async Task<Result<TopicListing>> ListAsync(string slug, string? space, string? sort, string? status, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(space)) return Problem.Field("space", "Ideas lists are per Ideas space: name it (space=...).");
        if (!IdeaSorts.TryParse(sort, out var order)) return Problem.Field("sort", "Sort must be latest, newest or votes.");
        if (status is not null && !IdeaStatuses.IsValid(status)) return Problem.Field("status", $"Status must be one of {string.Join(", ", IdeaStatuses.All)}.");
        if (!IdeaCursor.TryParse(order, cursor, out var after)) return Problem.Field("cursor", "The cursor is not valid.");
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");

        // Put together from constants only; what the caller sent travels as parameters.
        var (keyset, orderBy) = IdeaSorts.Sql(order);
        var where = $"""
            t.space_id = (SELECT id FROM spaces WHERE community_id = @CommunityId AND slug = @Space AND kind = 'Ideas')
            {(status is null ? "" : "AND t.idea_status = @Status")} {(after is null ? "" : "AND " + keyset)}
            """;
        var page = $"ORDER BY {orderBy} LIMIT @Take";
        using var results = await connection.QueryMultipleAsync($"""
            SELECT id, slug, name, kind, description, who_can_start, topic_count FROM spaces WHERE community_id = @CommunityId AND slug = @Space;
            {TopicQueries.TopicColumns} WHERE {where} {page};
            SELECT topic_id, tag FROM topic_tags WHERE topic_id IN (SELECT t.id FROM topics t WHERE {where} {page}) ORDER BY topic_id, tag;
            """, new
        {
            CommunityId = c.Id,
            Space = space.Trim().ToLowerInvariant(),
            Status = status,
            AfterVotes = after?.Votes ?? 0,
            AfterAt = after?.At ?? default,
            AfterId = after?.Id ?? 0,
            Take = take + 1,
        });
        var spaceRow = await results.ReadSingleOrDefaultAsync<SpaceView>();
        var rows = (await results.ReadAsync<TopicQueries.TopicRow>()).ToList();
        var tags = (await results.ReadAsync<TopicQueries.TagRow>()).ToLookup(t => t.TopicId, t => t.Tag);
        if (spaceRow is null) return Problem.NotFound("No such space.");
        if (!IdeaPermissions.IsIdea(spaceRow.Kind)) return Problem.Field("sort", "Only Ideas spaces are listed by votes, newest or status.");
        return new TopicListing(c, spaceRow, Page.Keyset([.. rows.Select(r => r.Summary(tags[r.Id]))], take, t => IdeaSorts.CursorOf(order, t)));
    }
}
