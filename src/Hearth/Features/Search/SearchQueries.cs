using System.Globalization;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Features.Discussions.Pages;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Search;

/// <summary>
/// Search over what the viewer may read: topics and posts of Public communities and of communities where the viewer
/// is an active member (never Restricted or Private ones otherwise, never after leaving), and members.
/// </summary>
/// <remarks>
/// Members: every account is searchable by user name, display name and bio, because profiles are public pages; a
/// member result says nothing about communities. With a community filter, only that community's active members are
/// searched, and only when the viewer may read its member list — so private membership never leaks.
/// </remarks>
public sealed class SearchQueries(Db db, TimeProvider clock)
{
    /// <summary>
    /// How many of the newest matches are ranked. Relevance over every match of a common word would cost time in
    /// proportion to the size of the site; within this window a query costs about the same at ten thousand posts as at
    /// a million, and the best of the recent matches come first. A rare word's matches all fit in the window.
    /// (At a million posts on SQLite, reading and checking the window's rows was most of a search: 200 rows cost
    /// 2.8 ms where 500 cost 6.8 ms for a common word; what comes first barely changes.)
    /// </summary>
    public const int Window = 200;

    public const int SimilarCount = 5;

    private readonly ISearchEngine _engine = db.IsSqlite ? new SqliteSearchEngine() : new PostgresSearchEngine();

    public async Task<Result<Page<SearchHit>>> SearchAsync(SearchRequest request, long? viewer, CancellationToken ct = default)
    {
        var validation = new Validation();
        var q = request.Q?.Trim();
        validation.Require("q", q, SearchText.MaxLength, "The search text");
        var type = Blank(request.Type)?.ToLowerInvariant();
        validation.Check(type is null or SearchKinds.Topic or SearchKinds.Post or SearchKinds.Member, "type", "Type is topic, post or member.");
        var kind = Blank(request.Kind);
        validation.Check(kind is null || (Enum.TryParse<SpaceKind>(kind, false, out var k) && Enum.IsDefined(k)), "kind",
            "Kind is Discussion, Questions, Ideas, Announcements, Articles or Events.");
        bool? solved = Blank(request.Solved)?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => Invalid(validation, "solved", "Solved is true or false."),
        };
        var from = Instant(request.From, validation, "from", endOfDay: false);
        var until = Instant(request.To, validation, "to", endOfDay: true);
        if (from is not null && until is not null && until <= from) validation.Add("to", "The end of the date range must come after its start.");
        var tag = Blank(request.Tag)?.ToLowerInvariant();
        validation.Optional("tag", tag, DiscussionLimits.Tag, "Tag");
        var author = Blank(request.Author);
        validation.Optional("author", author, 64, "Author");
        if (!ScoreCursor.TryParse(request.Cursor, out var after)) validation.Add("cursor", "The cursor is not valid.");
        if (validation.Problem is { } invalid) return invalid;

        var take = Page.Clamp(request.Limit);
        var text = SearchText.Parse(q);
        await using var connection = await db.OpenAsync(ct);
        CommunityAccess? community = null;
        if (Blank(request.Community) is { } slug)
        {
            community = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
            if (community is null || !CommunityPermissions.MaySeeExistence(community)) return Problem.NotFound("No such community.");
        }
        if (text.IsEmpty || (community is not null && !CommunityPermissions.MayRead(community))) return Page.Of<SearchHit>([]);

        var now = after?.Now ?? clock.GetUtcNow().UtcDateTime;
        var contentOnly = kind is not null || author is not null || tag is not null || solved is not null || from is not null || until is not null;
        var hits = new List<(SearchHit Hit, int Source)>();
        if (type is not SearchKinds.Member)
        {
            var rows = await _engine.ContentAsync(connection, new ContentQuery
            {
                Text = text,
                Viewer = viewer ?? 0,
                CommunityId = community?.Id,
                Kind = kind,
                Author = author?.ToUpperInvariant(),
                Tag = tag,
                Solved = solved,
                From = from,
                Until = until,
                Type = type,
                Now = now,
                After = after,
                Take = take + 1,
                Window = Window,
            }, ct);
            hits.AddRange(rows.Select(r => (Content(r, text), ScoreCursor.Content)));
        }
        if (type is SearchKinds.Member || (type is null && !contentOnly))
        {
            var rows = await _engine.MembersAsync(connection, new MemberQuery
            {
                Text = text,
                CommunityId = community?.Id,
                After = after,
                Take = take + 1,
                Window = Window,
            }, ct);
            hits.AddRange(rows.Select(r => (Member(r, text), ScoreCursor.Members)));
        }

        var ordered = hits.OrderByDescending(h => h.Hit.Score).ThenBy(h => h.Source).ThenByDescending(h => h.Hit.Id).ToList();
        var page = Page.Keyset(ordered, take, h => new ScoreCursor(now, h.Hit.Score, h.Source, h.Hit.Id).Raw());
        return new Page<SearchHit>([.. page.Items.Select(h => h.Hit)], page.Next);
    }

    /// <summary>The posts of one topic that match, in the order they were written; null when the topic is unknown or unreadable.</summary>
    public async Task<Result<Page<TopicMatch>>> InTopicAsync(long topicId, string? q, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        var text = q?.Trim();
        var validation = new Validation().Require("q", text, SearchText.MaxLength, "The search text");
        long afterId = 0;
        var parts = Page.Decode(cursor);
        if (parts is null || (parts.Length > 0 && (parts.Length != 1 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out afterId))))
            validation.Add("cursor", "The cursor is not valid.");
        await using var connection = await db.OpenAsync(ct);
        var topic = await TopicQueries.HeaderAsync(connection, topicId, viewer);
        if (topic is null || !TopicPermissions.MayRead(topic.Access)) return Problem.NotFound("No such topic.");
        if (validation.Problem is { } invalid) return invalid;

        var words = SearchText.Parse(text);
        if (words.IsEmpty) return Page.Of<TopicMatch>([]);
        var take = Page.Clamp(limit);
        var rows = await _engine.InTopicAsync(connection, topicId, words, afterId, take + 1, ct);
        var url = Topics.Url(topic.Id, topic.Slug);
        var matches = rows.Select(r => new TopicMatch
        {
            Id = r.Id,
            PostNumber = r.PostNumber,
            Author = new AuthorView(r.AuthorUserName, r.AuthorDisplayName),
            CreatedAt = r.CreatedAt,
            Snippet = Snippets.ToHtml(Excerpts.Mark(r.Body, words)),
            Url = TopicModel.PostUrl(url, r.PostNumber),
        }).ToList();
        return Page.Keyset(matches, take, m => m.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Up to five topics of the community whose titles resemble <paramref name="title"/>, for someone about to start one.</summary>
    public async Task<Result<Page<SimilarTopic>>> SimilarAsync(string slug, string? title, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var community = await CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (community is null || !TopicPermissions.MayRead(community)) return Problem.NotFound("No such community.");
        if (title is { Length: > SearchText.MaxLength }) title = title[..SearchText.MaxLength];
        // While typing, the last word is probably unfinished: it matches as a prefix unless a space follows it.
        var words = SearchText.Parse(title).AnyWords(lastIsPrefix: title is { Length: > 0 } && !char.IsWhiteSpace(title[^1]));
        if (words is null || (title?.Trim().Length ?? 0) < DiscussionLimits.TitleMin) return Page.Of<SimilarTopic>([]);
        return Page.Of<SimilarTopic>(await _engine.SimilarAsync(connection, community.Id, words, SimilarCount, ct));
    }

    /// <summary>Rebuilds the whole index from the tables (the reindex verb).</summary>
    public async Task<(long Posts, long Users)> RebuildAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await _engine.RebuildAsync(connection, ct);
        var posts = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM posts WHERE state = 'Visible'");
        var users = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM users");
        return (posts, users);
    }

    private static SearchHit Content(ContentRow r, SearchText text)
    {
        var topicUrl = Topics.Url(r.TopicId, r.TopicSlug);
        var isTopic = r.PostNumber == 1;
        return new SearchHit
        {
            Type = isTopic ? SearchKinds.Topic : SearchKinds.Post,
            Id = isTopic ? r.TopicId : r.Id,
            Title = r.Title,
            Snippet = Snippets.ToHtml(Excerpts.Mark(r.Body, text)),
            Url = isTopic ? topicUrl : TopicModel.PostUrl(topicUrl, r.PostNumber),
            Community = new CommunityRef(r.CommunitySlug, r.CommunityName),
            Author = new AuthorView(r.AuthorUserName, r.AuthorDisplayName),
            CreatedAt = r.CreatedAt,
            Score = r.Score,
            TopicId = r.TopicId,
            PostNumber = r.PostNumber,
        };
    }

    private static SearchHit Member(MemberRow r, SearchText text) => new()
    {
        Type = SearchKinds.Member,
        Id = r.Id,
        Title = r.DisplayName,
        Snippet = Snippets.ToHtml(Excerpts.Mark(r.Body, text)),
        Url = "/u/" + Uri.EscapeDataString(r.UserName),
        Author = new AuthorView(r.UserName, r.DisplayName),
        CreatedAt = r.CreatedAt,
        Score = r.Score,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool? Invalid(Validation validation, string field, string message)
    {
        validation.Add(field, message);
        return null;
    }

    /// <summary>A day (yyyy-MM-dd: its start, or the next day's start for the end of a range) or an ISO instant.</summary>
    private static DateTime? Instant(string? value, Validation validation, string field, bool endOfDay)
    {
        if (Blank(value) is not { } s) return null;
        if (DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            return endOfDay && day < DateTime.MaxValue.Date ? day.AddDays(1) : day;
        if (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return DateTime.SpecifyKind(at, DateTimeKind.Utc);
        validation.Add(field, $"{(field == "from" ? "From" : "To")} is a date (yyyy-MM-dd) or an ISO 8601 instant.");
        return null;
    }
}
