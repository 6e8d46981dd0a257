using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Moderation;

/// <summary>Exactly one of postId, topicId or userName names what is flagged.</summary>
public sealed record FlagRequest(long? PostId, long? TopicId, string? UserName, string? Reason, string? RuleQuote = null, string? Note = null);

public sealed record FlagCreated(long Id, string TargetKind, string State, bool PostHidden);

/// <summary>
/// A member flags a post, a topic or a member. Only what the flagger may see can be flagged (anything else is 404),
/// one open flag per flagger per thing (409). Posts and topics go to their community's queue, members to the site's.
/// When a post has as many open flags from trusted members (trust 1 or more) as the community's setting, it is hidden
/// until a moderator reviews it.
/// </summary>
public sealed class FlagContent(Db db, TimeProvider clock)
{
    private static readonly string[] Reasons = Enum.GetNames<FlagReason>();

    public async Task<Result<FlagCreated>> HandleAsync(FlagRequest request, long flaggerId, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Check(request.Reason is not null && Reasons.Contains(request.Reason), "reason", "Reason must be OffTopic, Inappropriate, Spam, BreaksRules or Other.")
            .Optional("ruleQuote", request.RuleQuote, ModerationLimits.RuleQuote, "Rule quote")
            .Optional("note", request.Note, ModerationLimits.Note, "Note")
            .Check(new object?[] { request.PostId, request.TopicId, request.UserName }.Count(x => x is not null) == 1, "target", "Flag exactly one thing: postId, topicId or userName.");
        if (request.Reason == nameof(FlagReason.Other) && string.IsNullOrWhiteSpace(request.Note)) validation.Add("note", "Say what is wrong.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var now = clock.GetUtcNow().UtcDateTime;
        long? communityId;
        string kind, key;
        long? postId = null, topicId = null, userId = null;
        PostTarget? post = null;
        if (request.PostId is { } pid)
        {
            post = await ModerationRecords.PostAsync(connection, pid, flaggerId, tx);
            if (post is null || !ModerationPermissions.MayFlagIn(post.Access) || post.State != PostStates.Visible) return Problem.NotFound("No such post.");
            if (post.AuthorId == flaggerId) validation.Add("postId", "You cannot flag your own post.");
            (communityId, kind, key, postId, topicId) = (post.CommunityId, nameof(FlagTarget.Post), $"post:{pid}", pid, post.TopicId);
        }
        else if (request.TopicId is { } tid)
        {
            var topic = await connection.QuerySingleOrDefaultAsync<TopicTarget>("""
                SELECT t.id, t.author_id, c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.kind AS community_kind, c.domain,
                       c.visibility, c.join_policy, c.status, c.rules_version, c.member_count, m.role AS viewer_role, m.state AS viewer_state
                FROM topics t JOIN communities c ON c.id = t.community_id
                LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = @Viewer
                WHERE t.id = @Id
                """, new { Id = tid, Viewer = flaggerId }, tx);
            if (topic is null || !ModerationPermissions.MayFlagIn(topic.ToAccess())) return Problem.NotFound("No such topic.");
            if (topic.AuthorId == flaggerId) validation.Add("topicId", "You cannot flag your own topic.");
            (communityId, kind, key, topicId) = (topic.CommunityId, nameof(FlagTarget.Topic), $"topic:{tid}", tid);
        }
        else if (request.UserName is not null)
        {
            // No user name holds a NUL, and PostgreSQL would refuse to compare one.
            if (request.UserName.Contains('\0', StringComparison.Ordinal)) return Problem.NotFound("No such member.");
            // Profiles are public, so any account may be flagged; the site's admins review member flags.
            userId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_user_name = @Name",
                new { Name = request.UserName.Trim().ToUpperInvariant() }, tx);
            if (userId is null) return Problem.NotFound("No such member.");
            if (userId == flaggerId) validation.Add("userName", "You cannot flag yourself.");
            (communityId, kind, key) = (null, nameof(FlagTarget.User), $"user:{userId}");
        }
        else
        {
            return validation.Problem ?? Problem.Field("target", "Flag exactly one thing: postId, topicId or userName.");
        }
        if (validation.Problem is { } invalid) return invalid;

        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO flags (community_id, flagger_id, target_kind, post_id, topic_id, user_id, target_key, reason, rule_quote, note, state, created_at)
                VALUES (@CommunityId, @Flagger, @Kind, @PostId, @TopicId, @UserId, @Key, @Reason, @RuleQuote, @Note, 'Open', @Now)
                RETURNING id
                """, new
            {
                CommunityId = communityId,
                Flagger = flaggerId,
                Kind = kind,
                PostId = postId,
                TopicId = topicId,
                UserId = userId,
                Key = key,
                request.Reason,
                RuleQuote = request.RuleQuote?.Trim() ?? "",
                Note = request.Note?.Trim() ?? "",
                Now = now,
            }, tx);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problem.Conflict("You have flagged this already; a moderator will look at it.");
        }

        var hidden = false;
        if (post is not null)
        {
            // Trusted flaggers only: a crowd of fresh accounts cannot take a post down.
            var trusted = await connection.ExecuteScalarAsync<int>("""
                SELECT COUNT(DISTINCT f.flagger_id) FROM flags f JOIN users u ON u.id = f.flagger_id
                WHERE f.post_id = @PostId AND f.state = 'Open' AND u.trust_level >= 1
                """, new { PostId = postId }, tx);
            if (trusted >= post.FlagsToHide && post.FlagsToHide > 0)
            {
                hidden = await connection.ExecuteAsync("UPDATE posts SET state = 'Hidden' WHERE id = @PostId AND state = 'Visible'", new { PostId = postId }, tx) == 1;
                if (hidden)
                    await ModerationRecords.RecordAsync(connection, tx, new ActionRecord(communityId, flaggerId, ActionKind.AutoHidePost, $"post {postId}",
                        $"Hidden until reviewed: {trusted} flags from trusted members.", post.AuthorId, postId, topicId), now);
            }
        }
        await tx.CommitAsync(ct);
        return new FlagCreated(id, kind, nameof(FlagState.Open), hidden);
    }

    private sealed record TopicTarget : ICommunityAccessRow
    {
        public long Id { get; init; }
        public long AuthorId { get; init; }
        public long CommunityId { get; init; }
        public string CommunitySlug { get; init; } = "";
        public string CommunityName { get; init; } = "";
        public string CommunityKind { get; init; } = "";
        public string? Domain { get; init; }
        public string Visibility { get; init; } = "";
        public string JoinPolicy { get; init; } = "";
        public string Status { get; init; } = "";
        public int RulesVersion { get; init; }
        public int MemberCount { get; init; }
        public string? ViewerRole { get; init; }
        public string? ViewerState { get; init; }
    }
}
