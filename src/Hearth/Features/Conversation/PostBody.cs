using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;

namespace Hearth.Features.Conversation;

/// <summary>A post's Markdown rendered once, with the members it mentions (linked to their profiles) and the posts it quotes.</summary>
public sealed record RenderedBody(string Html, IReadOnlyList<MentionedMember> Mentioned, IReadOnlyList<int> QuotedPostNumbers)
{
    public static readonly RenderedBody Empty = new("", [], []);
}

public sealed record MentionedMember
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
}

/// <summary>
/// Rendering of post bodies for every use case that writes one (start a topic, reply, edit): "@name" of an existing
/// member becomes a link to /u/name; a block quote that links to a post of the same topic names that post as quoted.
/// </summary>
public static partial class PostBody
{
    /// <summary>At most this many members are told of one post's mentions; the rest are still linked.</summary>
    public const int MentionNotificationCap = 10;

    // A link to a post of a topic: /t/{id}[/{slug}][?cursor=...]#post-{n}, the way the topic page writes them.
    [GeneratedRegex(@"^/t/(\d+)(?:/[^?#]*)?(?:\?[^#]*)?#post-(\d+)$")]
    private static partial Regex PostLink();

    /// <summary>Renders <paramref name="markdown"/>; one query to learn which "@name"s are members (none without any).</summary>
    public static async Task<RenderedBody> RenderAsync(DbConnection connection, string? markdown, long topicId = 0, DbTransaction? tx = null)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return RenderedBody.Empty;
        var names = MarkdownRenderer.Mentions(markdown);
        var lookup = new DynamicParameters();
        var members = names.Count == 0 ? [] : (await connection.QueryAsync<MentionedMember>(
            $"SELECT id, user_name FROM users WHERE normalized_user_name IN {SqlLists.In(lookup, "Name", names.Take(100).Select(n => n.ToUpperInvariant()))}",
            lookup, tx)).ToList();
        // In the order the post names them, so the notification cap keeps the first ones.
        var ordered = names.Select(n => members.FirstOrDefault(m => string.Equals(m.UserName, n, StringComparison.OrdinalIgnoreCase)))
            .OfType<MentionedMember>().ToList();
        var links = ordered.ToDictionary(m => m.UserName, m => m.UserName, StringComparer.OrdinalIgnoreCase);
        var quoted = topicId == 0 ? [] : MarkdownRenderer.QuotedLinks(markdown)
            .Select(url => PostLink().Match(url))
            .Where(m => m.Success && m.Groups[1].Value == topicId.ToString(CultureInfo.InvariantCulture))
            .Select(m => int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0).Distinct().Take(MentionNotificationCap).ToList();
        return new RenderedBody(MarkdownRenderer.ToHtml(markdown, links), ordered, quoted);
    }

    /// <summary>
    /// Tells the members a post mentions (kind "mention") and the authors of the posts it quotes (kind "quote") — only
    /// those who may see the topic: anyone for a Public community, active members otherwise. Whoever the
    /// <paramref name="before"/> version of an edited post named already was told then, not again.
    /// </summary>
    public static async Task NotifyAsync(DbConnection connection, DbTransaction tx, PostContext post, RenderedBody body, DateTime now,
        RenderedBody? before = null) =>
        await Notify.SendAsync(connection, tx, await DraftsAsync(connection, tx, post, body, before), now);

    /// <summary>
    /// The mention and quote notifications of <see cref="NotifyAsync"/>, not yet sent: a new post sends them with its
    /// reply and follower notifications in one batch, so that someone both mentioned and watching hears of it once.
    /// </summary>
    public static async Task<List<NotificationDraft>> DraftsAsync(DbConnection connection, DbTransaction tx, PostContext post, RenderedBody body,
        RenderedBody? before = null)
    {
        var mentionIds = body.Mentioned
            .Where(m => before is null || !before.Mentioned.Any(b => b.Id == m.Id))
            .Select(m => m.Id).Where(id => id != post.AuthorId).ToList();
        var quotedNumbers = body.QuotedPostNumbers.Where(n => n != post.PostNumber && (before is null || !before.QuotedPostNumbers.Contains(n))).ToList();
        if (mentionIds.Count == 0 && quotedNumbers.Count == 0) return [];

        // Visibility is decided here, in SQL, for every candidate at once; so is a block: whoever has blocked the
        // author hears nothing of their mentions and quotes.
        var maySee = $"""
            (c.visibility = 'Public' OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.user_id = u.id AND m.state = 'Active'))
            AND NOT {People.Blocks.IsBlockedSql("u.id", "@Author")}
            """;
        var told = new DynamicParameters(new { post.CommunityId, Author = post.AuthorId });
        var mayBeTold = mentionIds.Count == 0 ? [] : (await connection.QueryAsync<long>($"""
            SELECT u.id FROM users u JOIN communities c ON c.id = @CommunityId
            WHERE u.id IN {SqlLists.In(told, "Id", mentionIds)} AND {maySee}
            """, told, tx)).ToHashSet();
        var quoting = new DynamicParameters(new { post.CommunityId, post.TopicId, Author = post.AuthorId });
        var quotedAuthors = quotedNumbers.Count == 0 ? [] : (await connection.QueryAsync<long>($"""
            SELECT DISTINCT p.author_id FROM posts p JOIN users u ON u.id = p.author_id JOIN communities c ON c.id = @CommunityId
            WHERE p.topic_id = @TopicId AND p.post_number IN {SqlLists.In(quoting, "Number", quotedNumbers)} AND p.state = 'Visible' AND {maySee}
            """, quoting, tx)).Where(id => id != post.AuthorId).ToList();

        var actor = await connection.ExecuteScalarAsync<string>("SELECT user_name FROM users WHERE id = @Id", new { Id = post.AuthorId }, tx) ?? "";
        var mentioned = mentionIds.Where(mayBeTold.Contains).Take(MentionNotificationCap)
            .Select(id => new NotificationDraft(id, "mention", $"{actor} mentioned you in “{post.TopicTitle}”", post.Url, post.CommunityId, post.TopicId, post.PostId, post.AuthorId));
        // Someone both quoted and mentioned hears of it once, as a quote.
        var quotes = quotedAuthors
            .Select(id => new NotificationDraft(id, "quote", $"{actor} quoted you in “{post.TopicTitle}”", post.Url, post.CommunityId, post.TopicId, post.PostId, post.AuthorId));
        return [.. quotes, .. mentioned];
    }

}

/// <summary>Where a post stands, for its notifications.</summary>
public sealed record PostContext(long CommunityId, long TopicId, string TopicTitle, long PostId, int PostNumber, long AuthorId, string Url);
