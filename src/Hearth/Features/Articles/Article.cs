using System.Data.Common;
using Dapper;
using Hearth.Features.Communities;

namespace Hearth.Features.Articles;

/// <summary>
/// A draft is shown to everyone who may read its community, with a Draft badge, until an editor publishes it: a draft
/// made from a question holds nothing the question did not already show to the same readers.
/// </summary>
public enum ArticleState { Draft, Published }

/// <summary>
/// Who edits the articles of a space. Wiki: every active member. Authors: the article's author, the people it credits
/// (the asker and answerer of the question it came from), and the community's moderators and stewards.
/// </summary>
public enum EditPolicy { Wiki, Authors }

/// <summary>What a credited person wrote of the material an article was made from.</summary>
public enum Credit { Question, Answer }

/// <summary>Field limits of articles beyond those of topics (title and body follow the topic limits).</summary>
public static class ArticleLimits
{
    public const int Summary = 200;
    /// <summary>How many revisions the article page lists; the history page has them all.</summary>
    public const int RecentRevisions = 5;
}

/// <summary>Pure answers to "may this viewer do X with this article?", on top of <see cref="CommunityPermissions"/>.</summary>
public static class ArticlePermissions
{
    /// <summary>
    /// Editing needs an active membership, then the space's policy; a locked article is left to moderators.
    /// Publishing a draft and reverting are edits too.
    /// </summary>
    public static bool MayEdit(CommunityAccess c, string editPolicy, bool viewerIsAuthor, bool locked) =>
        CommunityPermissions.MayPost(c)
        && (editPolicy != nameof(EditPolicy.Authors) || viewerIsAuthor || c.IsModerator)
        && (!locked || c.IsModerator);

    /// <summary>The asker decides what becomes of their question; moderators and stewards curate the community's knowledge.</summary>
    public static bool MayMakeArticle(CommunityAccess c, bool viewerIsAsker) =>
        CommunityPermissions.MayPost(c) && (viewerIsAsker || c.IsModerator);

    public static bool MaySetEditPolicy(CommunityAccess c) => c.IsSteward && c.Status == "Active";

    public static string WhyNotEdit(CommunityAccess c, string editPolicy, bool locked, bool signedIn) =>
        !signedIn ? "Sign in and join this community to edit its articles."
        : c.Status != "Active" ? "This community is archived; its articles are read-only."
        : !c.IsActiveMember ? "Join this community to edit its articles."
        : locked ? "This article is locked; only moderators edit it."
        : editPolicy == nameof(EditPolicy.Authors) ? "Only the article's authors and the community's moderators edit articles in this space."
        : "You may not edit this article.";
}

/// <summary>
/// The writes every article use case shares. They run on the caller's connection and transaction, so an article,
/// its revision and the topic that carries it are written together or not at all.
/// </summary>
internal static class ArticleRecords
{
    public const string CreatedSummary = "Created the article";

    /// <summary>Makes a freshly written topic an article: its row and revision 1, the first post's content.</summary>
    public static Task StartAsync(DbConnection connection, DbTransaction tx, long topicId, long communityId, long authorId,
        string title, string body, string bodyHtml, DateTime now,
        ArticleState state = ArticleState.Published, string summary = CreatedSummary, long? fromQuestionId = null, long? fromAnswerPostId = null) =>
        connection.ExecuteAsync("""
            INSERT INTO articles (topic_id, community_id, state, revision, from_question_id, from_answer_post_id, created_at, updated_at, published_at, published_by)
            VALUES (@TopicId, @CommunityId, @State, 1, @FromQuestionId, @FromAnswerPostId, @Now, @Now, @PublishedAt, @PublishedBy);
            INSERT INTO article_revisions (topic_id, number, author_id, summary, title, body, body_html, created_at)
            VALUES (@TopicId, 1, @AuthorId, @Summary, @Title, @Body, @BodyHtml, @Now);
            INSERT INTO article_contributors (topic_id, user_id, edits, first_revision) VALUES (@TopicId, @AuthorId, 1, 1);
            """, new
        {
            TopicId = topicId,
            CommunityId = communityId,
            State = state.ToString(),
            FromQuestionId = fromQuestionId,
            FromAnswerPostId = fromAnswerPostId,
            Now = now,
            PublishedAt = state == ArticleState.Published ? now : (DateTime?)null,
            PublishedBy = state == ArticleState.Published ? authorId : (long?)null,
            AuthorId = authorId,
            Summary = summary,
            Title = title,
            Body = Normalise(body),
            BodyHtml = bodyHtml,
        }, tx);

    /// <summary>
    /// Takes the next revision number, or reports that someone else took it first: the update is conditional on the
    /// number the writer read (the optimistic-concurrency column), so of two edits based on the same revision one wins.
    /// </summary>
    public static async Task<bool> ClaimNextAsync(DbConnection connection, DbTransaction tx, long topicId, int expected, DateTime now) =>
        await connection.ExecuteAsync(
            "UPDATE articles SET revision = revision + 1, updated_at = @Now WHERE topic_id = @TopicId AND revision = @Expected",
            new { TopicId = topicId, Expected = expected, Now = now }, tx) == 1;

    /// <summary>
    /// Records revision <paramref name="number"/> and makes it what readers see: the topic's title (and address)
    /// and its first post, which is the article's body on the topic page.
    /// </summary>
    public static Task AddRevisionAsync(DbConnection connection, DbTransaction tx, long topicId, long communityId, int number, long authorId,
        string summary, string title, string slug, string body, string bodyHtml, int? revertedTo, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO article_revisions (topic_id, number, author_id, summary, title, body, body_html, reverted_to, created_at)
            VALUES (@TopicId, @Number, @AuthorId, @Summary, @Title, @Body, @BodyHtml, @RevertedTo, @Now);
            INSERT INTO article_contributors (topic_id, user_id, edits, first_revision) VALUES (@TopicId, @AuthorId, 1, @Number)
            ON CONFLICT (topic_id, user_id) DO UPDATE SET edits = article_contributors.edits + 1;
            UPDATE topics SET title = @Title, slug = @Slug, last_activity_at = @Now WHERE id = @TopicId;
            UPDATE posts SET body = @Body, body_html = @BodyHtml, edited_at = @Now WHERE topic_id = @TopicId AND post_number = 1;
            UPDATE communities SET last_activity_at = @Now WHERE id = @CommunityId;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at)
            VALUES (@CommunityId, @AuthorId, 'revised', @TopicId, (SELECT id FROM posts WHERE topic_id = @TopicId AND post_number = 1), @Now);
            """, new
        {
            TopicId = topicId,
            CommunityId = communityId,
            Number = number,
            AuthorId = authorId,
            Summary = summary,
            Title = title,
            Slug = slug,
            Body = body,
            BodyHtml = bodyHtml,
            RevertedTo = revertedTo,
            Now = now,
        }, tx);

    /// <summary>
    /// Article bodies are kept with \n line ends: a browser's textarea sends \r\n, a script usually \n, and the diff
    /// between two revisions should show what was written, not who typed it.
    /// </summary>
    public static string Normalise(string body) => body.ReplaceLineEndings("\n");
}
