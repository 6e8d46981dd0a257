using System.Data.Common;
using Dapper;
using Hearth.Features.Attachments;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Features.Membership;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Features.Accounts;

/// <summary>What becomes of a leaving member's posts: kept under "Former member", or emptied.</summary>
public enum ContentChoice { Anonymise, Remove }

public sealed record DeleteAccountRequest(string? Password, string? Content);

public sealed record AccountDeleted(string Content, int PostsRemoved, int CommunitiesLeft);

/// <summary>
/// A member deletes their own account, after typing their password again. The row stays, emptied of everything
/// that names or reaches the person (name, e-mail, password, profile, tokens, follows, subscriptions, notifications),
/// because posts, votes and moderation records point at it; it shows as "Former member". With
/// <see cref="ContentChoice.Remove"/> their posts, messages and the titles of topics they started are emptied too
/// (edit history included). Knowledge articles are written together, so they stay, credited to "Former member".
/// The last steward of a community must hand stewardship on first: a community always has a steward.
/// One transaction: it happens whole or not at all.
/// </summary>
public sealed class DeleteAccount(Db db, UserManager<User> users, AttachmentStore files, TimeProvider clock)
{
    public const string FormerMember = "Former member";
    private const string RemovedHtml = "<p><em>Removed by its author.</em></p>";

    public async Task<Result<AccountDeleted>> HandleAsync(long userId, DeleteAccountRequest request, CancellationToken ct = default)
    {
        var validation = new Validation()
            .Check(!string.IsNullOrEmpty(request.Password), "password", "Type your password to confirm.")
            .Check(Enum.TryParse<ContentChoice>(request.Content, false, out var choice) && Enum.IsDefined(choice),
                "content", "Choose what happens to your posts: Anonymise or Remove.");
        if (validation.Problem is { } invalid) return invalid;

        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return Problem.NotFound("No such account.");
        if (!await users.CheckPasswordAsync(user, request.Password!)) return Problem.Field("password", "That is not your password.");

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var now = clock.GetUtcNow().UtcDateTime;
        var args = new { Id = userId, Now = now };

        var memberships = (await connection.QueryAsync<MembershipRow>(
            "SELECT m.community_id, c.slug, m.role FROM memberships m JOIN communities c ON c.id = m.community_id WHERE m.user_id = @Id AND m.state = 'Active'",
            args, tx)).ToList();
        var soleStewardOf = new List<string>();
        foreach (var m in memberships.Where(m => m.Role == nameof(Role.Steward)))
        {
            await Memberships.LockCommunityAsync(connection, tx, m.CommunityId);
            if (await Memberships.ActiveStewardsAsync(connection, tx, m.CommunityId) <= 1) soleStewardOf.Add(m.Slug);
        }
        if (soleStewardOf.Count > 0)
            return Problem.Conflict($"You are the only steward of {string.Join(", ", soleStewardOf)}: make another member a steward first.");

        var (removed, attachments) = choice == ContentChoice.Remove ? await RemoveContentAsync(connection, tx, userId) : (0, new List<string>());

        foreach (var m in memberships)
        {
            await connection.ExecuteAsync(
                "UPDATE memberships SET state = 'Left', role = 'Member', updated_at = @Now WHERE community_id = @CommunityId AND user_id = @Id",
                new { m.CommunityId, Id = userId, Now = now }, tx);
            await Memberships.RecordLeaveAsync(connection, tx, m.CommunityId, userId, now);
        }
        // Pending requests and invitations go too; the rows of communities left long ago stay as history, consenting to nothing.
        await connection.ExecuteAsync("""
            DELETE FROM memberships WHERE user_id = @Id AND state IN ('Requested', 'Invited');
            UPDATE memberships SET export_consent = @False WHERE user_id = @Id;
            DELETE FROM user_skills WHERE user_id = @Id;
            DELETE FROM user_links WHERE user_id = @Id;
            DELETE FROM user_follows WHERE follower_id = @Id OR followed_id = @Id;
            DELETE FROM user_blocks WHERE blocker_id = @Id OR blocked_id = @Id;
            DELETE FROM endorsements WHERE user_id = @Id OR endorser_id = @Id;
            DELETE FROM subscriptions WHERE user_id = @Id;
            DELETE FROM notifications WHERE user_id = @Id OR actor_id = @Id;
            DELETE FROM email_outbox WHERE user_id = @Id;
            DELETE FROM event_rsvps WHERE user_id = @Id;
            DELETE FROM api_tokens WHERE user_id = @Id;
            DELETE FROM account_tokens WHERE user_id = @Id;
            DELETE FROM topic_reads WHERE user_id = @Id;
            DELETE FROM topic_views WHERE user_id = @Id;
            """, new { Id = userId, False = false }, tx);
        // The unique normalized columns need a value no person can register or sign in with.
        await connection.ExecuteAsync("""
            UPDATE users SET
                user_name = 'deleted-' || CAST(id AS TEXT), normalized_user_name = 'DELETED-' || CAST(id AS TEXT),
                email = '', normalized_email = 'DELETED-' || CAST(id AS TEXT) || '@INVALID', email_confirmed = @False,
                password_hash = NULL, security_stamp = @Stamp, concurrency_stamp = @Stamp,
                display_name = @FormerMember, bio = '', bio_html = '', email_notifications = @False, digest = 'none',
                is_admin = @False, deleted_at = @Now
            WHERE id = @Id
            """, new { Id = userId, Now = now, Stamp = Guid.NewGuid().ToString("N"), FormerMember, False = false }, tx);
        await AuditLog.WriteAsync(connection, tx, null, userId, "delete_account", $"deleted-{userId}", choice.ToString(), now);
        await tx.CommitAsync(ct);
        // Files go after the commit: a failed transaction must not lose them; a crash here only leaves unreachable files.
        foreach (var id in attachments) files.Delete(id);
        return new AccountDeleted(choice.ToString(), removed, memberships.Count);
    }

    /// <summary>
    /// Empties the member's posts (and their edit history and attachments), messages and topic titles;
    /// returns how many posts were emptied and the attachments whose files are to go.
    /// </summary>
    private static async Task<(int Posts, List<string> Attachments)> RemoveContentAsync(DbConnection connection, DbTransaction tx, long userId)
    {
        var args = new { Id = userId, RemovedHtml, Deleted = PostStates.Deleted, Visible = PostStates.Visible };
        // Replies leave their topics' counts as a deletion by the author does; before the states change.
        await connection.ExecuteAsync("""
            UPDATE topics SET reply_count = reply_count - (
                SELECT COUNT(*) FROM posts p WHERE p.topic_id = topics.id AND p.author_id = @Id AND p.post_number > 1 AND p.state = @Visible)
            WHERE id IN (SELECT topic_id FROM posts WHERE author_id = @Id AND post_number > 1 AND state = @Visible)
            """, args, tx);
        await connection.ExecuteAsync("""
            DELETE FROM post_revisions WHERE post_id IN (
                SELECT p.id FROM posts p WHERE p.author_id = @Id AND p.topic_id NOT IN (SELECT topic_id FROM articles))
            """, args, tx);
        const string theirAttachments = """
            SELECT a.id FROM attachments a JOIN posts p ON p.id = a.post_id
            WHERE p.author_id = @Id AND p.topic_id NOT IN (SELECT topic_id FROM articles)
            """;
        var attachments = (await connection.QueryAsync<string>(theirAttachments, args, tx)).ToList();
        await connection.ExecuteAsync($"DELETE FROM attachments WHERE id IN ({theirAttachments})", args, tx);
        var posts = await connection.ExecuteAsync("""
            UPDATE posts SET body = '', body_html = @RemovedHtml, state = @Deleted
            WHERE author_id = @Id AND topic_id NOT IN (SELECT topic_id FROM articles)
            """, args, tx);
        await connection.ExecuteAsync("""
            UPDATE topics SET title = 'Removed by its author', slug = 'removed' WHERE author_id = @Id AND id NOT IN (SELECT topic_id FROM articles);
            UPDATE messages SET body = '', body_html = @RemovedHtml WHERE author_id = @Id;
            """, args, tx);
        return (posts, attachments);
    }

    private sealed record MembershipRow
    {
        public long CommunityId { get; init; }
        public string Slug { get; init; } = "";
        public string Role { get; init; } = "";
    }
}
