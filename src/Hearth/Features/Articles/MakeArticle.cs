using System.Globalization;
using System.Text;
using Dapper;
using Hearth.Features.Discussions;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Hearth.Platform.Security;

namespace Hearth.Features.Articles;

/// <param name="Space">The Articles space (by slug) to write into; by default the community's first one.</param>
public sealed record MakeArticleRequest(string? Space = null);

/// <summary>
/// Turns a solved question into a draft article: the question and its accepted answer quoted with attribution, linked
/// both ways (articles.from_question_id, unique, so a question is written up once), the asker and the answerer credited
/// as contributors, and both told — all in one transaction. The asker or a moderator may do it.
/// </summary>
/// <remarks>
/// The new topic is written here rather than through <see cref="CreateTopic"/>, which runs its own transaction: the
/// article, its credits and the notifications must not exist without each other.
/// </remarks>
public sealed class MakeArticle(Db db, TimeProvider clock)
{
    /// <summary>Each quoted part is cut to this many characters, so that both fit in an article body.</summary>
    internal const int QuoteBudget = (DiscussionLimits.Body - 2_000) / 2;

    public async Task<Result<ArticleEdited>> HandleAsync(long questionId, MakeArticleRequest request, long actorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var question = await ArticleQueries.HeaderAsync(connection, questionId, actorId, tx);
        if (question is null || !question.Readable) return Problem.NotFound("No such topic.");
        var c = question.Access;
        if (TopicPermissions.RefuseWrite(c) is { } refused) return refused;
        if (!ArticlePermissions.MayMakeArticle(c, question.AuthorId == actorId))
            return Problem.Forbidden("Only the asker or a moderator makes an article of a question.");
        if (question.SpaceKind != nameof(SpaceKind.Questions)) return Problem.Conflict("Only a question becomes an article this way.");
        if (question.AcceptedPostId is not { } acceptedId) return Problem.Conflict("This question is not solved yet: an answer must be accepted first.");
        if (question.WrittenUpAs is { } existing) return Problem.Conflict($"This question has already been written up as the article “{existing.Title}”.");

        var space = await connection.QuerySingleOrDefaultAsync<SpaceRow>(
            string.IsNullOrWhiteSpace(request.Space)
                ? "SELECT id, slug, kind, who_can_start FROM spaces WHERE community_id = @CommunityId AND kind = 'Articles' ORDER BY position, id LIMIT 1"
                : "SELECT id, slug, kind, who_can_start FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
            new { CommunityId = c.Id, Slug = request.Space?.Trim().ToLowerInvariant() }, tx);
        if (space is null)
            return string.IsNullOrWhiteSpace(request.Space)
                ? Problem.Field("space", "This community has no Articles space; a steward adds one first.")
                : Problem.Field("space", $"This community has no space '{request.Space}'.");
        if (space.Kind != nameof(SpaceKind.Articles)) return Problem.Field("space", $"The space '{space.Slug}' is not an Articles space.");
        if (!TopicPermissions.MayStartTopic(c, space.WhoCanStart)) return Problem.Forbidden("Only moderators start articles in that space.");

        using var sources = await connection.QueryMultipleAsync("""
            SELECT p.id, p.body, p.author_id, u.user_name, u.display_name FROM posts p JOIN users u ON u.id = p.author_id
            WHERE p.topic_id = @QuestionId AND p.post_number = 1;
            SELECT p.id, p.body, p.author_id, u.user_name, u.display_name FROM posts p JOIN users u ON u.id = p.author_id
            WHERE p.id = @AcceptedId AND p.topic_id = @QuestionId AND p.state = 'Visible' AND p.post_number > 1;
            SELECT tag FROM topic_tags WHERE topic_id = @QuestionId ORDER BY tag;
            SELECT display_name FROM users WHERE id = @Actor;
            """, new { QuestionId = questionId, AcceptedId = acceptedId, Actor = actorId }, tx);
        var asked = await sources.ReadSingleOrDefaultAsync<SourcePost>();
        var answer = await sources.ReadSingleOrDefaultAsync<SourcePost>();
        var tags = (await sources.ReadAsync<string>()).ToList();
        var actorName = await sources.ReadSingleAsync<string>();
        if (asked is null || answer is null) return Problem.Conflict("The accepted answer is no longer visible; accept another one first.");

        var title = question.Title;
        var body = Compose(question, asked, answer);
        var bodyHtml = MarkdownRenderer.ToHtml(body);
        var slug = Slugs.FromTitle(title);
        var now = clock.GetUtcNow().UtcDateTime;
        long articleId;
        try
        {
            articleId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO topics (community_id, space_id, author_id, title, slug, post_count, reply_count, last_post_user_id, created_at, last_activity_at)
                VALUES (@CommunityId, @SpaceId, @Author, @Title, @Slug, 1, 0, @Author, @Now, @Now)
                RETURNING id
                """, new { CommunityId = c.Id, SpaceId = space.Id, Author = actorId, Title = title, Slug = slug, Now = now }, tx);
            var postId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO posts (topic_id, post_number, author_id, body, body_html, state, created_at)
                VALUES (@TopicId, 1, @Author, @Body, @BodyHtml, 'Visible', @Now)
                RETURNING id
                """, new { TopicId = articleId, Author = actorId, Body = body, BodyHtml = bodyHtml, Now = now }, tx);
            if (tags.Count > 0)
                await connection.ExecuteAsync("INSERT INTO topic_tags (topic_id, community_id, tag) VALUES (@TopicId, @CommunityId, @Tag)",
                    tags.Select(tag => new { TopicId = articleId, CommunityId = c.Id, Tag = tag }), tx);
            await connection.ExecuteAsync("""
                UPDATE spaces SET topic_count = topic_count + 1 WHERE id = @SpaceId;
                UPDATE communities SET topic_count = topic_count + 1, last_activity_at = @Now WHERE id = @CommunityId;
                INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at) VALUES (@CommunityId, @Author, 'posted', @TopicId, @PostId, @Now);
                """, new { SpaceId = space.Id, CommunityId = c.Id, Author = actorId, TopicId = articleId, PostId = postId, Now = now }, tx);
            await ArticleRecords.StartAsync(connection, tx, articleId, c.Id, actorId, title, body, bodyHtml, now, ArticleState.Draft,
                $"Written up from the question “{Clip(title, 120)}”", fromQuestionId: questionId, fromAnswerPostId: answer.Id);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two write-ups of one question at once: the unique link lets the first through.
            return Problem.Conflict("This question has already been written up as an article.");
        }
        await connection.ExecuteAsync("INSERT INTO article_credits (topic_id, user_id, credit) VALUES (@TopicId, @UserId, @Credit)",
            new[] { (asked.AuthorId, Credit.Question), (answer.AuthorId, Credit.Answer) }
                .Select(x => new { TopicId = articleId, UserId = x.AuthorId, Credit = x.Item2.ToString() }), tx);

        // Only people who can read the article are told: active members (the asker or answerer may have left).
        var active = (await connection.QueryAsync<long>(
            "SELECT user_id FROM memberships WHERE community_id = @CommunityId AND state = 'Active' AND user_id IN (@Asker, @Answerer)",
            new { CommunityId = c.Id, Asker = asked.AuthorId, Answerer = answer.AuthorId }, tx)).ToHashSet();
        var url = Topics.Url(articleId, slug);
        NotificationDraft Tell(long user, string what) =>
            new(user, "article.credited", $"{actorName} wrote up {what} “{title}” as an article; you are credited.", url, c.Id, articleId, ActorId: actorId);
        await Notify.SendAsync(connection, tx, new[]
        {
            Tell(asked.AuthorId, "your question"),
            Tell(answer.AuthorId, "your answer to"),
        }.Where(d => active.Contains(d.UserId)), now);
        await tx.CommitAsync(ct);
        return new ArticleEdited(articleId, 1, url);
    }

    /// <summary>The draft's body: where it came from, then the question and the accepted answer, each quoted under its author's name.</summary>
    internal static string Compose(ArticleHeader question, SourcePost asked, SourcePost answer)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*Written up from the question [{Escape(question.Title)}]({question.Url}) and its accepted answer.*\n\n");
        text.Append("## The question\n\n");
        text.Append(CultureInfo.InvariantCulture, $"[{Escape(Name(asked))}](/u/{asked.UserName}) asked:\n\n");
        Quote(text, asked.Body);
        text.Append("\n## The accepted answer\n\n");
        text.Append(CultureInfo.InvariantCulture, $"[{Escape(Name(answer))}](/u/{answer.UserName}) answered:\n\n");
        Quote(text, answer.Body);
        return text.ToString();
    }

    private static void Quote(StringBuilder text, string body)
    {
        var source = ArticleRecords.Normalise(body).TrimEnd();
        var shortened = source.Length > QuoteBudget;
        if (shortened)
        {
            var cut = source.LastIndexOf('\n', QuoteBudget);
            source = source[..(cut > QuoteBudget / 2 ? cut : QuoteBudget)];
        }
        foreach (var line in source.Split('\n')) text.Append(line.Length == 0 ? ">\n" : $"> {line}\n");
        if (shortened) text.Append(">\n> …\n\n*(Shortened: the question has the full text.)*\n");
    }

    /// <summary>Backslash-escapes Markdown punctuation, so a title or a name is shown as written and never becomes a link or markup.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '<' or '>' or '~' or '&')
                escaped.Append('\\');
            escaped.Append(ch is '\r' or '\n' ? ' ' : ch);
        }
        return escaped.ToString();
    }

    private static string Name(SourcePost post) => string.IsNullOrWhiteSpace(post.DisplayName) ? post.UserName : post.DisplayName;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record SpaceRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Kind { get; init; } = "";
        public string WhoCanStart { get; init; } = "";
    }

    internal sealed record SourcePost
    {
        public long Id { get; init; }
        public string Body { get; init; } = "";
        public long AuthorId { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }
}
