using System.Globalization;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;

namespace Hearth.Features.Conversation;

public sealed record ReactionView
{
    public string Kind { get; init; } = "";
    public AuthorView Member { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
}

public sealed record RevisionView
{
    public int Revision { get; init; }
    public string Body { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public AuthorView Editor { get; init; } = new("", "");
    public DateTime CreatedAt { get; init; }
}

/// <summary>A post's revisions (oldest first) with what their page needs around them.</summary>
public sealed record PostHistory(long PostId, int PostNumber, string TopicTitle, string PostUrl, IReadOnlyList<RevisionView> Revisions);

/// <summary>What the composer is prefilled with to quote a post.</summary>
public sealed record QuoteSource(long PostId, int PostNumber, string UserName, string Body);

/// <summary>
/// Reads about single posts: who reacted, the kept revisions, the source to quote. Each starts from the same access
/// decision as the writes (<see cref="PostRecords.LoadAsync"/>): what the viewer may not read is NotFound.
/// </summary>
public sealed class ConversationQueries(Db db)
{
    /// <summary>Who reacted to a post, and with what, in the order they did (keyset on (created_at, user, kind)).</summary>
    public async Task<Result<Page<ReactionView>>> ReactionsAsync(long postId, long? viewer, string? cursor, int? limit, CancellationToken ct = default)
    {
        var parts = Page.Decode(cursor);
        DateTime at = default;
        long user = 0;
        var kind = "";
        if (parts is null || (parts.Length != 0 && (parts.Length != 3 || !Page.TryInstant(parts[0], out at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out user))))
            return Problem.Field("cursor", "The cursor is not valid.");
        if (parts.Length == 3) kind = parts[2];
        var take = Page.Clamp(limit);
        await using var connection = await db.OpenAsync(ct);
        var loaded = await PostRecords.LoadAsync(connection, postId, viewer);
        if (!loaded.Ok) return loaded.As<Page<ReactionView>>();
        var rows = (await connection.QueryAsync<ReactionRow>($"""
            SELECT r.kind, r.user_id, r.created_at, u.user_name, u.display_name
            FROM post_reactions r JOIN users u ON u.id = r.user_id
            WHERE r.post_id = @PostId {(parts.Length == 3 ? "AND (r.created_at, r.user_id, r.kind) > (@At, @User, @Kind)" : "")}
            ORDER BY r.created_at, r.user_id, r.kind
            LIMIT @Take
            """, new { PostId = postId, At = at, User = user, Kind = kind, Take = take + 1 })).ToList();
        var page = Page.Keyset(rows, take, r => $"{Page.Instant(r.CreatedAt)}|{r.UserId.ToString(CultureInfo.InvariantCulture)}|{r.Kind}");
        return new Page<ReactionView>([.. page.Items.Select(r => new ReactionView { Kind = r.Kind, Member = new AuthorView(r.UserName, r.DisplayName), CreatedAt = r.CreatedAt })], page.Next);
    }

    /// <summary>Every kept revision of a post, oldest first (none for a post never edited).</summary>
    public async Task<Result<PostHistory>> RevisionsAsync(long postId, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var loaded = await PostRecords.LoadAsync(connection, postId, viewer);
        if (!loaded.Ok) return loaded.As<PostHistory>();
        var rows = await connection.QueryAsync<RevisionRow>("""
            SELECT r.revision, r.body, r.body_html, r.created_at, u.user_name, u.display_name
            FROM post_revisions r JOIN users u ON u.id = r.editor_id
            WHERE r.post_id = @PostId ORDER BY r.revision
            """, new { PostId = postId });
        var l = loaded.Value!;
        return new PostHistory(postId, l.Post.PostNumber, l.Topic.Title, l.Url, [.. rows.Select(r => new RevisionView
        {
            Revision = r.Revision,
            Body = r.Body,
            BodyHtml = r.BodyHtml,
            Editor = new AuthorView(r.UserName, r.DisplayName),
            CreatedAt = r.CreatedAt,
        })]);
    }

    /// <summary>
    /// Up to 8 active members of a community whose user names start with <paramref name="prefix"/>, for the composer's
    /// "@" completion; NotFound when the viewer may not read the community (its member list is not theirs to see).
    /// </summary>
    public async Task<Result<Page<AuthorView>>> MentionCandidatesAsync(string slug, string? prefix, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await Communities.CommunityAccessQuery.BySlugAsync(connection, slug, viewer);
        if (c is null || !TopicPermissions.MayRead(c)) return Problem.NotFound("No such community.");
        var q = (prefix ?? "").Trim().TrimStart('@');
        if (q.Length > 32 || q.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-'))) return Page.Of<AuthorView>([]);
        // '_' is a LIKE wildcard and a user-name character: escaped, so "a_b" matches only itself.
        var pattern = q.ToUpperInvariant().Replace("_", "!_") + "%";
        var rows = await connection.QueryAsync<MemberRow>("""
            SELECT u.user_name, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @CommunityId AND m.state = 'Active' AND u.normalized_user_name LIKE @Pattern ESCAPE '!'
            ORDER BY u.normalized_user_name LIMIT 8
            """, new { CommunityId = c.Id, Pattern = pattern });
        return Page.Of<AuthorView>([.. rows.Select(r => new AuthorView(r.UserName, r.DisplayName))]);
    }

    /// <summary>The source of a shown post of <paramref name="topicId"/>, to quote; null otherwise.</summary>
    public async Task<QuoteSource?> QuoteAsync(long topicId, long postId, long? viewer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var loaded = await PostRecords.LoadAsync(connection, postId, viewer);
        if (!loaded.Ok || loaded.Value!.Post.TopicId != topicId || !loaded.Value.Post.IsVisible) return null;
        var userName = await connection.ExecuteScalarAsync<string>("SELECT user_name FROM users WHERE id = @Id", new { Id = loaded.Value.Post.AuthorId }) ?? "";
        return new QuoteSource(postId, loaded.Value.Post.PostNumber, userName, loaded.Value.Post.Body);
    }

    /// <summary>
    /// A Markdown block quote of a post, headed by a link to it: the link is what marks it as a quote of that post
    /// (and tells its author), so the quoting survives any editing of the rest.
    /// </summary>
    public static string QuoteMarkdown(QuoteSource source, string topicUrl)
    {
        var lines = source.Body.Replace("\r\n", "\n").Trim().Split('\n');
        return $"> [{source.UserName} wrote]({Discussions.Pages.TopicModel.PostUrl(topicUrl, source.PostNumber)}):\n"
            + string.Join("\n", lines.Select(l => l.Length == 0 ? ">" : "> " + l)) + "\n\n";
    }

    private sealed record MemberRow
    {
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }

    private sealed record ReactionRow
    {
        public string Kind { get; init; } = "";
        public long UserId { get; init; }
        public DateTime CreatedAt { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }

    private sealed record RevisionRow
    {
        public int Revision { get; init; }
        public string Body { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
