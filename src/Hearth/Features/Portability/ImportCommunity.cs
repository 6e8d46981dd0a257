using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Hearth.Features.Articles;
using Hearth.Features.Attachments;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Features.Ideas;
using Hearth.Features.Membership;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;
using Hearth.Platform.Security;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Portability;

public sealed record ImportedCommunity(string Slug, string Url, int Topics, int Posts, int Attachments, int Invitations);

/// <summary>
/// Recreates an archived community here, with new ids, in one transaction: the importer becomes its steward; every
/// author becomes a placeholder account carrying the archive's name for them (a consented member's name, or
/// "Former member N"); each consented member gets an invitation by e-mail (and on the site, if an account here has
/// that address) and, on accepting, their content. Nobody becomes a member without accepting. Markdown is rendered
/// again by this instance; links to the old topics, community and files are rewritten; the old paths are recorded
/// for redirects. Attachment files are checked like uploads and written before the commit, and deleted if it fails.
/// Any fault in the archive answers 422 and leaves nothing behind.
/// </summary>
public sealed partial class ImportCommunity(Db db, AttachmentStore store, IOptions<AttachmentOptions> attachmentOptions,
    IOptions<PortabilityOptions> options, TimeProvider clock)
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    public async Task<Result<ImportedCommunity>> HandleAsync(Stream archive, string? slug, long importerId, CancellationToken ct = default)
    {
        var opened = await ArchivePackage.OpenAsync(archive, options.Value, attachmentOptions.Value.MaxBytes, ct);
        if (!opened.Ok) return opened.As<ImportedCommunity>();
        using var package = opened.Value!;
        var written = new List<string>();
        try
        {
            var result = await ImportAsync(package, slug, importerId, written, ct);
            if (!result.Ok) DeleteFiles(written);
            return result;
        }
        catch (ArchiveException e)
        {
            DeleteFiles(written);
            return ArchivePackage.Invalid(e.Message);
        }
        catch
        {
            DeleteFiles(written);
            throw;
        }
    }

    private void DeleteFiles(List<string> ids)
    {
        foreach (var id in ids)
        {
            try { store.Delete(id); } catch (IOException) { }
        }
    }

    private async Task<Result<ImportedCommunity>> ImportAsync(ArchivePackage package, string? slugOverride, long importerId, List<string> written, CancellationToken ct)
    {
        var community = await package.ReadJsonAsync<CommunityFile>(Archive.Community, ct);
        var versions = (await package.ReadJsonAsync<List<CharterVersionFile>>(Archive.CharterVersions, ct)).OrderBy(v => v.Version).ToList();
        var members = await package.ReadJsonAsync<List<MemberFile>>(Archive.Members, ct);
        var spaces = await package.ReadJsonAsync<List<SpaceFile>>(Archive.Spaces, ct);
        var attachments = await package.ReadJsonAsync<List<AttachmentFile>>(Archive.Attachments, ct);

        var slug = (string.IsNullOrWhiteSpace(slugOverride) ? community.Slug : slugOverride).Trim().ToLowerInvariant();
        if (!Slugs.IsValid(slug) || CreateCommunity.ReservedSlugs.Contains(slug))
            return Problem.Field("slug", "Slug must be 2–40 lower-case letters, digits or hyphens, and not a reserved word.");
        CheckCommunity(community, versions, spaces);
        var attachmentIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in attachments)
        {
            if (!AttachmentTypes.IsId(a.Id) || a.File != Archive.AttachmentFolder + a.Id || !package.Has(a.File))
                throw new ArchiveException($"attachments.json: attachment '{a.Id}' has no file in the archive.");
            if (!attachmentIds.TryAdd(a.Id, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))))
                throw new ArchiveException($"attachments.json: attachment '{a.Id}' is listed twice.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        if (await connection.ExecuteScalarAsync<long?>("SELECT id FROM communities WHERE slug = @Slug", new { Slug = slug }, tx) is not null)
            return Problem.Conflict($"The slug '{slug}' is taken here; import again with ?slug= set to another.");

        var current = versions[^1];
        var charter = Charter.Render(current.Purpose, current.Values, current.Rules);
        var kind = Enum.Parse<CommunityKind>(community.Kind);
        var communityId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO communities (slug, name, normalized_name, kind, domain, purpose, purpose_html, values_statement, values_html,
                rules, rules_html, rules_version, visibility, join_policy, status, member_count, created_by, created_at, updated_at, last_activity_at,
                flags_to_hide, hold_first_posts, public_moderation_log)
            VALUES (@Slug, @Name, @NormalizedName, @Kind, @Domain, @Purpose, @PurposeHtml, @Values, @ValuesHtml,
                @Rules, @RulesHtml, @Version, @Visibility, @JoinPolicy, 'Active', 1, @Importer, @CreatedAt, @Now, @Now,
                @FlagsToHide, @HoldFirstPosts, @PublicLog)
            RETURNING id
            """, new
        {
            Slug = slug,
            Name = community.Name.Trim(),
            NormalizedName = community.Name.Trim().ToLowerInvariant(),
            Kind = kind.ToString(),
            Domain = kind == CommunityKind.Practice ? community.Domain?.Trim() : null,
            charter.Purpose,
            charter.PurposeHtml,
            charter.Values,
            charter.ValuesHtml,
            charter.Rules,
            charter.RulesHtml,
            current.Version,
            community.Visibility,
            community.JoinPolicy,
            Importer = importerId,
            CreatedAt = Utc(community.CreatedAt),
            Now = now,
            FlagsToHide = Math.Clamp(community.Moderation.FlagsToHide, 1, 100),
            community.Moderation.HoldFirstPosts,
            PublicLog = community.Moderation.PublicModerationLog,
        }, tx);
        await connection.ExecuteAsync("""
            INSERT INTO memberships (community_id, user_id, role, state, rules_version_accepted, rules_accepted_at, joined_at, updated_at)
            VALUES (@Id, @Importer, 'Steward', 'Active', @Version, @Now, @Now, @Now);
            INSERT INTO activity_events (community_id, user_id, kind, created_at) VALUES (@Id, @Importer, 'founded', @Now);
            """, new { Id = communityId, Importer = importerId, current.Version, Now = now }, tx);

        var authors = new Authors(connection, tx, communityId, members, now);
        foreach (var v in versions)
        {
            var rendered = Charter.Render(v.Purpose, v.Values, v.Rules);
            await rendered.SaveVersionAsync(connection, tx, communityId, v.Version, await authors.IdOfAsync(v.EditedBy), Utc(v.CreatedAt));
        }

        var spaceIds = new Dictionary<long, (long Id, string Kind)>();
        foreach (var s in spaces)
        {
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO spaces (community_id, slug, name, kind, description, who_can_start, position, allow_replies, edit_policy, slow_mode_seconds, created_at)
                VALUES (@CommunityId, @Slug, @Name, @Kind, @Description, @WhoCanStart, @Position, @AllowReplies, @EditPolicy, @SlowMode, @Now)
                RETURNING id
                """, new { CommunityId = communityId, s.Slug, s.Name, s.Kind, s.Description, s.WhoCanStart, s.Position, s.AllowReplies, s.EditPolicy, SlowMode = Math.Max(0, s.SlowModeSeconds), Now = now }, tx);
            spaceIds[s.Id] = (id, s.Kind);
        }

        // Pass 1: every topic, so that links in any post can find any topic.
        var topics = new Dictionary<long, (long Id, string Slug)>();
        await foreach (var t in package.ReadLinesAsync<TopicFile>(Archive.Topics, ct))
        {
            if (!spaceIds.TryGetValue(t.SpaceId, out var space)) throw new ArchiveException($"topics.jsonl: topic {t.Id} is in no space of the archive.");
            var title = t.Title?.Trim() ?? "";
            if (title.Length is < DiscussionLimits.TitleMin or > DiscussionLimits.Title || title.Contains('\0', StringComparison.Ordinal))
                throw new ArchiveException($"topics.jsonl: topic {t.Id} has no usable title.");
            if (topics.ContainsKey(t.Id)) throw new ArchiveException($"topics.jsonl: topic {t.Id} appears twice.");
            var author = await authors.IdOfAsync(t.Author);
            var topicSlug = Slugs.FromTitle(title);
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO topics (community_id, space_id, author_id, title, slug, pinned, locked, archived, slow_mode_seconds,
                    post_count, reply_count, last_post_user_id, created_at, last_activity_at)
                VALUES (@CommunityId, @SpaceId, @Author, @Title, @Slug, @Pinned, @Locked, @Archived, @SlowMode, 0, 0, @Author, @CreatedAt, @LastActivityAt)
                RETURNING id
                """, new
            {
                CommunityId = communityId,
                SpaceId = space.Id,
                Author = author,
                Title = title,
                Slug = topicSlug,
                t.Pinned,
                t.Locked,
                t.Archived,
                SlowMode = Math.Max(0, t.SlowModeSeconds),
                CreatedAt = Utc(t.CreatedAt),
                LastActivityAt = Utc(t.LastActivityAt),
            }, tx);
            var tagCheck = new Validation();
            var tags = Tags.Normalise(t.Tags, tagCheck);
            if (tagCheck.Problem is not null) throw new ArchiveException($"topics.jsonl: topic {t.Id} has tags this instance does not take.");
            if (tags.Count > 0)
                await connection.ExecuteAsync("INSERT INTO topic_tags (topic_id, community_id, tag) VALUES (@TopicId, @CommunityId, @Tag)",
                    tags.Select(tag => new { TopicId = id, CommunityId = communityId, Tag = tag }), tx);
            topics[t.Id] = (id, topicSlug);
        }

        var links = new LinkRewriter(package.Manifest.SourceBaseUrl, community.Slug, slug, topics, attachmentIds);

        // Pass 2: posts, numbers kept (so "#post-N" links hold), replies pointing at posts the archive holds.
        var posts = new Dictionary<long, long>();
        await foreach (var p in package.ReadLinesAsync<PostFile>(Archive.Posts, ct))
        {
            if (!topics.TryGetValue(p.TopicId, out var topic)) throw new ArchiveException($"posts.jsonl: post {p.Id} belongs to no topic of the archive.");
            if (p.Number < 1) throw new ArchiveException($"posts.jsonl: post {p.Id} has no number.");
            var body = links.Rewrite(p.Body ?? "");
            if (string.IsNullOrWhiteSpace(body) || body.Length > DiscussionLimits.Body * 2 || body.Contains('\0', StringComparison.Ordinal))
                throw new ArchiveException($"posts.jsonl: post {p.Id} has no usable body.");
            if (posts.ContainsKey(p.Id)) throw new ArchiveException($"posts.jsonl: post {p.Id} appears twice.");
            long? replyTo = p.ReplyTo is { } r && posts.TryGetValue(r, out var parent) ? parent : null;
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO posts (topic_id, post_number, author_id, body, body_html, reply_to_post_id, state, score, created_at, edited_at)
                VALUES (@TopicId, @Number, @Author, @Body, @BodyHtml, @ReplyTo, 'Visible', @Score, @CreatedAt, @EditedAt)
                ON CONFLICT (topic_id, post_number) DO NOTHING
                RETURNING id
                """, new
            {
                TopicId = topic.Id,
                p.Number,
                Author = await authors.IdOfAsync(p.Author),
                Body = body,
                BodyHtml = MarkdownRenderer.ToHtml(body),
                ReplyTo = replyTo,
                p.Score,
                CreatedAt = Utc(p.CreatedAt),
                EditedAt = p.EditedAt is { } edited ? Utc(edited) : (DateTime?)null,
            }, tx);
            if (id == 0) throw new ArchiveException($"posts.jsonl: topic {p.TopicId} has two posts numbered {p.Number}.");
            posts[p.Id] = id;
        }
        if (await connection.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM topics t WHERE t.community_id = @Id AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.topic_id = t.id AND p.post_number = 1)
            """, new { Id = communityId }, tx) > 0)
            throw new ArchiveException("posts.jsonl: a topic has no opening post (number 1).");

        // Pass 3: what each kind of topic carries, now that its posts exist.
        await foreach (var t in package.ReadLinesAsync<TopicFile>(Archive.Topics, ct))
        {
            var topicId = topics[t.Id].Id;
            var spaceKind = spaceIds[t.SpaceId].Kind;
            if (spaceKind == nameof(SpaceKind.Questions) && t.Question?.AcceptedPostId is { } accepted && posts.TryGetValue(accepted, out var answer))
                await connection.ExecuteAsync("UPDATE topics SET accepted_post_id = @Answer, accepted_at = @At WHERE id = @Id AND @Answer IN (SELECT id FROM posts WHERE topic_id = @Id AND post_number > 1)",
                    new { Id = topicId, Answer = answer, At = Utc(t.Question.AcceptedAt ?? t.CreatedAt) }, tx);
            if (spaceKind == nameof(SpaceKind.Ideas) && t.Idea is { } idea)
            {
                if (!Enum.TryParse<IdeaStatus>(idea.Status, false, out var status) || !Enum.IsDefined(status))
                    throw new ArchiveException($"topics.jsonl: idea {t.Id} has an unknown status.");
                await connection.ExecuteAsync("UPDATE topics SET vote_count = @Votes, idea_status = @Status WHERE id = @Id",
                    new { Id = topicId, Votes = Math.Max(0, idea.Votes), Status = status.ToString() }, tx);
                foreach (var change in idea.History ?? [])
                {
                    if (!Enum.TryParse<IdeaStatus>(change.From, false, out var from) || !Enum.IsDefined(from) || !Enum.TryParse<IdeaStatus>(change.To, false, out var to) || !Enum.IsDefined(to))
                        throw new ArchiveException($"topics.jsonl: idea {t.Id} has a status change between unknown statuses.");
                    var note = links.Rewrite(change.Note ?? "");
                    await connection.ExecuteAsync("""
                        INSERT INTO idea_status_changes (topic_id, actor_id, from_status, to_status, note, note_html, created_at)
                        VALUES (@TopicId, @Actor, @From, @To, @Note, @NoteHtml, @At)
                        """, new { TopicId = topicId, Actor = await authors.IdOfAsync(change.Actor), change.From, change.To, Note = note, NoteHtml = MarkdownRenderer.ToHtml(note), At = Utc(change.CreatedAt) }, tx);
                }
            }
            if (spaceKind == nameof(SpaceKind.Events) && t.Event is null) throw new ArchiveException($"topics.jsonl: event {t.Id} has no time.");
            if (spaceKind == nameof(SpaceKind.Events) && t.Event is { } e)
            {
                if (e.EndsAt < e.StartsAt || string.IsNullOrWhiteSpace(e.TimeZone) || e.TimeZone.Length > 64)
                    throw new ArchiveException($"topics.jsonl: event {t.Id} has no usable time.");
                await connection.ExecuteAsync("""
                    INSERT INTO events (topic_id, community_id, starts_at, ends_at, time_zone, location, url, capacity, created_at, updated_at)
                    VALUES (@TopicId, @CommunityId, @StartsAt, @EndsAt, @TimeZone, @Location, @Url, @Capacity, @CreatedAt, @Now)
                    """, new
                {
                    TopicId = topicId,
                    CommunityId = communityId,
                    StartsAt = Utc(e.StartsAt),
                    EndsAt = Utc(e.EndsAt),
                    e.TimeZone,
                    e.Location,
                    e.Url,
                    Capacity = e.Capacity is > 0 ? e.Capacity : null,
                    CreatedAt = Utc(t.CreatedAt),
                    Now = now,
                }, tx);
            }
            if (spaceKind == nameof(SpaceKind.Articles))
            {
                var article = t.Article ?? new ArticleFile { State = nameof(ArticleState.Published), PublishedAt = t.CreatedAt };
                if (!Enum.TryParse<ArticleState>(article.State, false, out var state) || !Enum.IsDefined(state))
                    throw new ArchiveException($"topics.jsonl: article {t.Id} has an unknown state.");
                var revisions = article.Revisions ?? [];
                await connection.ExecuteAsync("""
                    INSERT INTO articles (topic_id, community_id, state, revision, created_at, updated_at, published_at)
                    VALUES (@TopicId, @CommunityId, @State, @Revision, @CreatedAt, @UpdatedAt, @PublishedAt)
                    """, new
                {
                    TopicId = topicId,
                    CommunityId = communityId,
                    State = state.ToString(),
                    Revision = revisions.Length == 0 ? 1 : revisions.Max(r => r.Number),
                    CreatedAt = Utc(t.CreatedAt),
                    UpdatedAt = Utc(t.LastActivityAt),
                    PublishedAt = article.PublishedAt is { } published ? Utc(published) : (DateTime?)null,
                }, tx);
                foreach (var r in revisions)
                {
                    var body = links.Rewrite(r.Body ?? "");
                    await connection.ExecuteAsync("""
                        INSERT INTO article_revisions (topic_id, number, author_id, summary, title, body, body_html, reverted_to, created_at)
                        VALUES (@TopicId, @Number, @Author, @Summary, @Title, @Body, @BodyHtml, @RevertedTo, @At)
                        ON CONFLICT (topic_id, number) DO NOTHING
                        """, new { TopicId = topicId, r.Number, Author = await authors.IdOfAsync(r.Author), Summary = r.Summary ?? "", Title = r.Title ?? t.Title, Body = body, BodyHtml = MarkdownRenderer.ToHtml(body), r.RevertedTo, At = Utc(r.CreatedAt) }, tx);
                }
                // An article without its history starts one from its opening post, as articles made before revisions did.
                if (revisions.Length == 0)
                    await connection.ExecuteAsync("""
                        INSERT INTO article_revisions (topic_id, number, author_id, summary, title, body, body_html, created_at)
                        SELECT t.id, 1, p.author_id, 'Imported', t.title, p.body, p.body_html, p.created_at
                        FROM topics t JOIN posts p ON p.topic_id = t.id AND p.post_number = 1 WHERE t.id = @TopicId
                        """, new { TopicId = topicId }, tx);
            }
        }

        // Counters kept on write elsewhere, computed once here for the whole community.
        await connection.ExecuteAsync("""
            UPDATE topics SET
                post_count = (SELECT COUNT(*) FROM posts p WHERE p.topic_id = topics.id),
                reply_count = (SELECT COUNT(*) FROM posts p WHERE p.topic_id = topics.id) - 1,
                last_post_user_id = (SELECT p.author_id FROM posts p WHERE p.topic_id = topics.id ORDER BY p.post_number DESC LIMIT 1)
            WHERE community_id = @Id;
            UPDATE spaces SET topic_count = (SELECT COUNT(*) FROM topics t WHERE t.space_id = spaces.id) WHERE community_id = @Id;
            UPDATE communities SET topic_count = (SELECT COUNT(*) FROM topics t WHERE t.community_id = @Id),
                last_activity_at = COALESCE((SELECT MAX(t.last_activity_at) FROM topics t WHERE t.community_id = @Id), last_activity_at)
            WHERE id = @Id;
            INSERT INTO article_contributors (topic_id, user_id, edits, first_revision)
            SELECT r.topic_id, r.author_id, COUNT(*), MIN(r.number) FROM article_revisions r JOIN topics t ON t.id = r.topic_id
            WHERE t.community_id = @Id GROUP BY r.topic_id, r.author_id;
            INSERT INTO activity_events (community_id, user_id, kind, topic_id, post_id, created_at)
            SELECT @Id, p.author_id, CASE WHEN p.post_number = 1 THEN 'posted' ELSE 'replied' END, p.topic_id, p.id, p.created_at
            FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.community_id = @Id;
            """, new { Id = communityId }, tx);

        // Files: checked like uploads (the bytes must really be an allowed type), written under their new ids.
        var allowed = attachmentOptions.Value.Allowed;
        foreach (var a in attachments)
        {
            if (!posts.TryGetValue(a.PostId, out var postId)) throw new ArchiveException($"attachments.json: attachment '{a.Id}' belongs to no post of the archive.");
            var kindOfFile = await AttachmentTypes.DetectAsync(() => package.Open(a.File), a.ContentType, a.FileName, allowed, ct)
                ?? throw new ArchiveException($"attachments.json: attachment '{a.Id}' is not a file type this instance accepts.");
            var id = attachmentIds[a.Id];
            written.Add(id);
            var size = await store.SaveAsync(id, () => package.Open(a.File), ct);
            await connection.ExecuteAsync("""
                INSERT INTO attachments (id, community_id, uploader_id, post_id, file_name, content_type, size, created_at)
                VALUES (@Id, @CommunityId, @Uploader, @PostId, @FileName, @ContentType, @Size, @CreatedAt)
                """, new
            {
                Id = id,
                CommunityId = communityId,
                Uploader = await authors.IdOfAsync(a.Uploader),
                PostId = postId,
                FileName = AttachmentTypes.FileName(a.FileName, kindOfFile),
                kindOfFile.ContentType,
                Size = size,
                CreatedAt = Utc(a.CreatedAt),
            }, tx);
        }

        // Old paths → new ones; a path another import already claimed keeps its first target.
        var redirects = topics.Select(t => new { Old = OldLinks.TopicKey(t.Key), New = Topics.Url(t.Value.Id, t.Value.Slug) })
            .Prepend(new { Old = OldLinks.CommunityKey(community.Slug), New = $"/c/{slug}" });
        await connection.ExecuteAsync("""
            INSERT INTO imported_paths (old_path, new_path, community_id, created_at) VALUES (@Old, @New, @CommunityId, @Now)
            ON CONFLICT (old_path) DO NOTHING
            """, redirects.Select(r => new { r.Old, r.New, CommunityId = communityId, Now = now }), tx);

        var invited = await authors.InviteAsync(importerId, community.Name.Trim());
        await AuditLog.WriteAsync(connection, tx, communityId, importerId, "import", slug,
            $"from {package.Manifest.SourceBaseUrl}{community.Path}: {topics.Count} topics, {posts.Count} posts, {invited} invitations", now);
        await tx.CommitAsync(ct);
        return new ImportedCommunity(slug, $"/c/{slug}", topics.Count, posts.Count, attachments.Count, invited);
    }

    /// <summary>The archive's community, charter and spaces must make sense before anything is written.</summary>
    private static void CheckCommunity(CommunityFile community, List<CharterVersionFile> versions, List<SpaceFile> spaces)
    {
        string? Fail(string? value, int max, bool required) =>
            value is null ? (required ? "is missing" : null)
            : required && string.IsNullOrWhiteSpace(value) ? "is empty"
            : value.Length > max ? $"is longer than {max} characters"
            : value.Contains('\0', StringComparison.Ordinal) ? "contains NUL characters" : null;
        if (Fail(community.Name, CommunityLimits.Name, true) is { } name) throw new ArchiveException($"community.json: name {name}.");
        if (!Enum.TryParse<CommunityKind>(community.Kind, false, out var kind) || !Enum.IsDefined(kind)) throw new ArchiveException("community.json: kind must be Interest or Practice.");
        if (kind == CommunityKind.Practice && Fail(community.Domain, CommunityLimits.Domain, true) is { } domain) throw new ArchiveException($"community.json: domain {domain}.");
        if (!Enum.TryParse<Visibility>(community.Visibility, false, out var visibility) || !Enum.IsDefined(visibility)) throw new ArchiveException("community.json: visibility is unknown.");
        if (!Enum.TryParse<JoinPolicy>(community.JoinPolicy, false, out var policy) || !Enum.IsDefined(policy)) throw new ArchiveException("community.json: join policy is unknown.");
        if (versions.Count == 0) throw new ArchiveException("charter-versions.json: the charter has no version.");
        if (versions.Select(v => v.Version).Distinct().Count() != versions.Count || versions[0].Version < 1)
            throw new ArchiveException("charter-versions.json: versions must be distinct numbers from 1.");
        foreach (var v in versions)
        {
            if ((Fail(v.Purpose, CommunityLimits.Purpose, true) ?? Fail(v.Values, CommunityLimits.Values, false) ?? Fail(v.Rules, CommunityLimits.Rules, false)) is { } bad)
                throw new ArchiveException($"charter-versions.json: version {v.Version} {bad}.");
        }
        if (spaces.Count == 0) throw new ArchiveException("spaces.json: the community has no space.");
        if (spaces.Select(s => s.Id).Distinct().Count() != spaces.Count || spaces.Select(s => s.Slug).Distinct(StringComparer.Ordinal).Count() != spaces.Count)
            throw new ArchiveException("spaces.json: space ids and slugs must be distinct.");
        foreach (var s in spaces)
        {
            if (!Slugs.IsValid(s.Slug)) throw new ArchiveException($"spaces.json: space {s.Id} has an invalid slug.");
            if (Fail(s.Name, DiscussionLimits.SpaceName, true) is { } n) throw new ArchiveException($"spaces.json: space {s.Slug}: name {n}.");
            if (Fail(s.Description ?? "", DiscussionLimits.SpaceDescription, false) is { } d) throw new ArchiveException($"spaces.json: space {s.Slug}: description {d}.");
            if (!Enum.TryParse<SpaceKind>(s.Kind, false, out var k) || !Enum.IsDefined(k)) throw new ArchiveException($"spaces.json: space {s.Slug} has an unknown kind.");
            if (!Enum.TryParse<WhoCanStart>(s.WhoCanStart, false, out var w) || !Enum.IsDefined(w)) throw new ArchiveException($"spaces.json: space {s.Slug}: who may start topics is unknown.");
            if (!Enum.TryParse<EditPolicy>(s.EditPolicy, false, out var e) || !Enum.IsDefined(e)) throw new ArchiveException($"spaces.json: space {s.Slug} has an unknown edit policy.");
        }
    }

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>The archive's people, each made a placeholder account the first time the archive names them.</summary>
    private sealed class Authors(DbConnection connection, DbTransaction tx, long communityId, List<MemberFile> members, DateTime now)
    {
        private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, MemberFile> _members = members
            .Where(m => !string.IsNullOrWhiteSpace(m.Ref)).GroupBy(m => m.Ref, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public async Task<long> IdOfAsync(string? archiveRef)
        {
            var key = string.IsNullOrWhiteSpace(archiveRef) ? "unknown" : archiveRef.Trim();
            if (key.Length > 64) throw new ArchiveException("An author reference is longer than 64 characters.");
            if (_ids.TryGetValue(key, out var id)) return id;
            var displayName = _members.TryGetValue(key, out var member) && !string.IsNullOrWhiteSpace(member.DisplayName)
                ? member.DisplayName.Trim()
                : key.StartsWith("member-", StringComparison.Ordinal) ? "Former member " + key["member-".Length..] : "Former member";
            if (displayName.Length > 64 || displayName.Contains('\0', StringComparison.Ordinal)) displayName = "Former member";
            var handle = "imported_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            // No password and an address nobody owns: a placeholder cannot sign in, and no e-mail goes to it.
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                    concurrency_stamp, lockout_enabled, display_name, created_at, email_notifications)
                VALUES (@Handle, @NormalizedHandle, @Email, @NormalizedEmail, FALSE, NULL, @Stamp, @Stamp, TRUE, @DisplayName, @Now, FALSE)
                RETURNING id
                """, new
            {
                Handle = handle,
                NormalizedHandle = handle.ToUpperInvariant(),
                Email = handle + "@imported.invalid",
                NormalizedEmail = (handle + "@imported.invalid").ToUpperInvariant(),
                Stamp = Guid.NewGuid().ToString("n"),
                DisplayName = displayName,
                Now = now,
            }, tx);
            await connection.ExecuteAsync("""
                INSERT INTO imported_authors (community_id, placeholder_user_id, archive_ref) VALUES (@CommunityId, @Placeholder, @Ref)
                """, new { CommunityId = communityId, Placeholder = id, Ref = key }, tx);
            _ids[key] = id;
            return id;
        }

        /// <summary>
        /// One invitation per consented member, by e-mail; an account here with that address also sees it on the site.
        /// A member whose address is the importer's own is the importer: their content is theirs at once.
        /// </summary>
        public async Task<int> InviteAsync(long importerId, string communityName)
        {
            var importerEmail = await connection.ExecuteScalarAsync<string>("SELECT normalized_email FROM users WHERE id = @Id", new { Id = importerId }, tx);
            var count = 0;
            foreach (var member in _members.Values)
            {
                var email = member.Email?.Trim() ?? "";
                if (email.Length > Invitations.MaxEmail || !EmailPattern().IsMatch(email)) continue;
                var placeholder = await IdOfAsync(member.Ref);
                if (email.ToUpperInvariant() == importerEmail)
                {
                    await connection.ExecuteAsync("UPDATE imported_authors SET claimed_by = @Importer, claimed_at = @Now WHERE placeholder_user_id = @Placeholder",
                        new { Importer = importerId, Now = now, Placeholder = placeholder }, tx);
                    await ImportedAuthors.MoveAsync(connection, tx, communityId, placeholder, importerId);
                    continue;
                }
                var (invitationId, invitation) = await InviteMember.IssueAsync(connection, tx, communityId, communityName, null, email, email, importerId, now);
                await connection.ExecuteAsync("UPDATE imported_authors SET invitation_id = @Invitation WHERE placeholder_user_id = @Placeholder",
                    new { Invitation = invitationId, Placeholder = placeholder }, tx);
                var existing = await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_email = @Email", new { Email = email.ToUpperInvariant() }, tx);
                if (existing is { } userId)
                    await Notifications.Notify.SendAsync(connection, tx, [new Notifications.NotificationDraft(userId, "invitation",
                        $"{communityName} moved here; accept to rejoin it and get your posts back.", invitation.Url, ActorId: importerId, Email: false)], now);
                count++;
            }
            return count;
        }
    }
}
