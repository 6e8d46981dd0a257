using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Questions;

/// <summary>How a Questions space is doing: how many questions get solved, and how fast people are helped.</summary>
public sealed record QuestionFigures
{
    public int Questions { get; init; }
    /// <summary>Questions with at least one answer.</summary>
    public int Answered { get; init; }
    public int Solved { get; init; }
    /// <summary>Solved ÷ questions, from 0 to 1; null while the space has no questions.</summary>
    public double? ShareSolved { get; init; }
    /// <summary>Median of (first answer − question) over the answered questions, in seconds; null when none.</summary>
    public double? MedianTimeToFirstAnswerSeconds { get; init; }
    /// <summary>Median of (first acceptance − question) over the solved questions, in seconds; null when none.</summary>
    public double? MedianTimeToAcceptedAnswerSeconds { get; init; }
}

/// <summary>Read side of Questions: the filtered lists of a Questions space and its figures.</summary>
public sealed class QuestionQueries(Db db)
{
    /// <summary>
    /// One page of a Questions space's topics that match the filter, latest activity first (the same keyset as every
    /// topic list). Two commands: the access row, then the space, the topics and their tags together. Invalid means
    /// the list asked for cannot be made — no Questions space named, an unknown filter or a malformed cursor (the
    /// API answers 400).
    /// </summary>
    public async Task<Result<TopicListing>> ListAsync(string slug, string? space, string? filter, string? sort, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(space)) return Problem.Field("space", "A filter lists one Questions space: name it (space=...).");
        if (!QuestionFilters.TryParse(filter, out var which)) return Problem.Field("filter", "Filter must be unanswered, unsolved or solved.");
        if (sort is not (null or "" or "latest")) return Problem.Field("sort", "Filtered question lists are by latest activity only.");
        if (!TopicCursor.TryParse(cursor, out var after)) return Problem.Field("cursor", "The cursor is not valid.");
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");

        // Put together from constants only; what the caller sent travels as parameters.
        var where = $"""
            t.space_id = (SELECT id FROM spaces WHERE community_id = @CommunityId AND slug = @Space AND kind = 'Questions')
            AND {QuestionFilters.Sql(which)} {(after is null ? "" : "AND (t.last_activity_at, t.id) < (@AfterAt, @AfterId)")}
            """;
        const string order = "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT @Take";
        using var results = await connection.QueryMultipleAsync($"""
            SELECT id, slug, name, kind, description, who_can_start, topic_count FROM spaces WHERE community_id = @CommunityId AND slug = @Space;
            {TopicQueries.TopicColumns} WHERE {where} {order};
            SELECT topic_id, tag FROM topic_tags WHERE topic_id IN (SELECT t.id FROM topics t WHERE {where} {order}) ORDER BY topic_id, tag;
            """, new { CommunityId = c.Id, Space = space.Trim().ToLowerInvariant(), AfterAt = after?.At ?? default, AfterId = after?.Id ?? 0, Take = take + 1 });
        var spaceRow = await results.ReadSingleOrDefaultAsync<SpaceView>();
        var rows = (await results.ReadAsync<TopicQueries.TopicRow>()).ToList();
        var tags = (await results.ReadAsync<TopicQueries.TagRow>()).ToLookup(t => t.TopicId, t => t.Tag);
        if (spaceRow is null) return Problem.NotFound("No such space.");
        if (!QuestionPermissions.IsQuestion(spaceRow.Kind)) return Problem.Field("filter", "Only Questions spaces are filtered by unanswered, unsolved or solved.");
        return new TopicListing(c, spaceRow, Page.Keyset([.. rows.Select(r => r.Summary(tags[r.Id]))], take, TopicCursor.Of));
    }

    /// <summary>The figures of a community's Questions space, for a viewer who may read it; NotFound for any other space.</summary>
    public async Task<Result<QuestionFigures>> FiguresAsync(string slug, string space, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        return await FiguresAsync(connection, c.Id, space) is { } figures ? figures : Problem.NotFound("No such Questions space.");
    }

    /// <summary>The figures of a Questions space of a community the caller has already let the viewer read.</summary>
    public async Task<QuestionFigures?> FiguresAsync(long communityId, string space, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await FiguresAsync(connection, communityId, space);
    }

    /// <summary>
    /// One command. Medians have no portable SQL (PostgreSQL has percentile_cont, SQLite nothing), so the database
    /// returns one small row per question — its time, its first visible answer's (read off the (topic_id, post_number)
    /// index) and its acceptance — and the medians are taken here. That is linear in the space's questions: fine for
    /// spaces of thousands; a roll-up table is the step after that.
    /// </summary>
    private static async Task<QuestionFigures?> FiguresAsync(System.Data.Common.DbConnection connection, long communityId, string space)
    {
        var rows = (await connection.QueryAsync<FigureRow>("""
            SELECT s.id AS space_id, t.id AS topic_id, t.created_at, t.accepted_post_id, t.accepted_at,
                   (SELECT MIN(p.created_at) FROM posts p WHERE p.topic_id = t.id AND p.post_number > 1 AND p.state = 'Visible') AS first_answer_at
            FROM spaces s
            LEFT JOIN topics t ON t.space_id = s.id
            WHERE s.community_id = @CommunityId AND s.slug = @Space AND s.kind = 'Questions'
            """, new { CommunityId = communityId, Space = space.Trim().ToLowerInvariant() })).ToList();
        if (rows.Count == 0) return null;
        var questions = rows.Where(r => r.TopicId is not null).ToList();
        var solved = questions.Count(q => q.AcceptedPostId is not null);
        return new QuestionFigures
        {
            Questions = questions.Count,
            Answered = questions.Count(q => q.FirstAnswerAt is not null),
            Solved = solved,
            ShareSolved = questions.Count == 0 ? null : (double)solved / questions.Count,
            MedianTimeToFirstAnswerSeconds = Median(questions.Where(q => q.FirstAnswerAt is not null).Select(q => (q.FirstAnswerAt!.Value - q.CreatedAt!.Value).TotalSeconds)),
            MedianTimeToAcceptedAnswerSeconds = Median(questions.Where(q => q.AcceptedPostId is not null && q.AcceptedAt is not null).Select(q => (q.AcceptedAt!.Value - q.CreatedAt!.Value).TotalSeconds)),
        };
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count; null for none.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed record FigureRow
    {
        public long SpaceId { get; init; }
        public long? TopicId { get; init; }
        public DateTime? CreatedAt { get; init; }
        public long? AcceptedPostId { get; init; }
        public DateTime? AcceptedAt { get; init; }
        public DateTime? FirstAnswerAt { get; init; }
    }
}
