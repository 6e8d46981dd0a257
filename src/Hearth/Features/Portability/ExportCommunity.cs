using System.Buffers;
using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using Dapper;
using Hearth.Features.Attachments;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Email;
using Hearth.Platform.Results;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Portability;

/// <summary>A community a steward may export, checked and audited before the first byte is sent.</summary>
public sealed record ExportTicket(long CommunityId, string Slug, string FileName);

/// <summary>
/// Writes a whole community as one archive (docs/archive-format.md), streamed: the ZIP goes straight to the output,
/// rows are read in keyset batches and written as JSON Lines through a small buffer, and attachment files are copied,
/// so memory stays bounded by a batch, not by the community. Only Visible posts leave (see the format's notes);
/// members appear by name only if they consented.
/// </summary>
public sealed class ExportCommunity(Db db, AttachmentStore store, IOptions<EmailOptions> email, TimeProvider clock)
{
    private const int TopicBatch = 200;
    private const int PostBatch = 500;

    /// <summary>Stewards export; others who can see the community are refused (403), outsiders of a Private one learn nothing (404).</summary>
    public async Task<Result<ExportTicket>> StartAsync(string slug, long? actorId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, actorId);
        if (c is null || !CommunityPermissions.MaySeeExistence(c)) return Problem.NotFound("No such community.");
        if (actorId is not { } actor || !c.IsSteward) return Problem.Forbidden("Only stewards export a community.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var tx = await Db.BeginWriteAsync(connection, ct))
        {
            await AuditLog.WriteAsync(connection, tx, c.Id, actor, "export", c.Slug, "community archive", now);
            await tx.CommitAsync(ct);
        }
        return new ExportTicket(c.Id, c.Slug, $"{c.Slug}-{now:yyyyMMdd-HHmmss}.zip");
    }

    /// <summary>For the CLI, run by the operator: no member to check or audit.</summary>
    public async Task<ExportTicket?> TicketForOperatorAsync(string slug, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, null);
        return c is null ? null : new ExportTicket(c.Id, c.Slug, $"{c.Slug}.zip");
    }

    public async Task WriteAsync(ExportTicket ticket, Stream output, CancellationToken ct = default)
    {
        var exportedAt = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenAsync(ct);
        // ZipArchive writes synchronously (entry streams flush on Dispose even when opened async), which the server
        // refuses; it writes into a buffer instead, drained to the output asynchronously after every piece.
        var sink = new DrainingStream(output);
        var zip = new ZipArchive(sink, ZipArchiveMode.Create, leaveOpen: true);
        var id = ticket.CommunityId;

        var community = await connection.QuerySingleAsync<CommunityRow>("""
            SELECT slug, name, kind, domain, visibility, join_policy, status, created_at, rules_version, purpose, values_statement, rules,
                   flags_to_hide, hold_first_posts, public_moderation_log
            FROM communities WHERE id = @Id
            """, new { Id = id });
        var roster = await connection.QueryAsync<(long Id, string UserName)>(
            "SELECT u.id, u.user_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.community_id = @Id", new { Id = id });
        var people = new Pseudonyms(roster);

        var consented = (await connection.QueryAsync<MemberRow>("""
            SELECT u.id, u.user_name, u.display_name, u.email, m.role, m.joined_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.community_id = @Id AND m.state = 'Active' AND m.export_consent = TRUE
            ORDER BY m.joined_at, m.id
            """, new { Id = id })).ToList();
        var members = consented.Select(m => new MemberFile
        {
            Ref = people.Consent(m.Id),
            UserName = m.UserName,
            DisplayName = m.DisplayName,
            Email = m.Email,
            Role = m.Role,
            JoinedAt = m.JoinedAt,
        }).ToList();

        var versions = (await connection.QueryAsync<VersionRow>("""
            SELECT version, purpose, values_statement, rules, edited_by, created_at FROM community_versions WHERE community_id = @Id ORDER BY version
            """, new { Id = id })).Select(v => new CharterVersionFile
        {
            Version = v.Version,
            Purpose = people.Scrub(v.Purpose),
            Values = people.Scrub(v.ValuesStatement),
            Rules = people.Scrub(v.Rules),
            EditedBy = people.RefOf(v.EditedBy),
            CreatedAt = v.CreatedAt,
        }).ToList();

        await WriteJsonAsync(zip, sink, Archive.Community, new CommunityFile
        {
            Slug = community.Slug,
            Name = community.Name,
            Kind = community.Kind,
            Domain = community.Domain,
            Visibility = community.Visibility,
            JoinPolicy = community.JoinPolicy,
            Status = community.Status,
            CreatedAt = community.CreatedAt,
            Path = $"/c/{community.Slug}",
            Charter = new CharterFile
            {
                Version = community.RulesVersion,
                Purpose = people.Scrub(community.Purpose),
                Values = people.Scrub(community.ValuesStatement),
                Rules = people.Scrub(community.Rules),
            },
            Moderation = new ModerationSettingsFile
            {
                FlagsToHide = community.FlagsToHide,
                HoldFirstPosts = community.HoldFirstPosts,
                PublicModerationLog = community.PublicModerationLog,
            },
        }, ct);
        await WriteJsonAsync(zip, sink, Archive.CharterVersions, versions, ct);
        await WriteJsonAsync(zip, sink, Archive.Members, members, ct);

        var spaces = (await connection.QueryAsync<SpaceRow>("""
            SELECT id, slug, name, kind, description, who_can_start, position, allow_replies, edit_policy, slow_mode_seconds
            FROM spaces WHERE community_id = @Id ORDER BY position, id
            """, new { Id = id })).Select(s => new SpaceFile
        {
            Id = s.Id,
            Slug = s.Slug,
            Name = s.Name,
            Kind = s.Kind,
            Description = s.Description,
            WhoCanStart = s.WhoCanStart,
            Position = s.Position,
            AllowReplies = s.AllowReplies,
            EditPolicy = s.EditPolicy,
            SlowModeSeconds = s.SlowModeSeconds,
            Path = $"/c/{community.Slug}/s/{s.Slug}",
        }).ToList();
        await WriteJsonAsync(zip, sink, Archive.Spaces, spaces, ct);

        var topicIds = new List<long>();
        await using (var lines = JsonLines.Open(zip, sink, Archive.Topics))
        {
            long after = 0;
            while (true)
            {
                var batch = (await connection.QueryAsync<TopicRow>("""
                    SELECT t.id, t.space_id, s.kind AS space_kind, t.author_id, t.title, t.slug, t.pinned, t.locked, t.archived, t.slow_mode_seconds,
                           t.created_at, t.last_activity_at, t.vote_count, t.idea_status, t.accepted_at,
                           CASE WHEN a.state = 'Visible' THEN t.accepted_post_id END AS accepted_post_id
                    FROM topics t JOIN spaces s ON s.id = t.space_id
                    LEFT JOIN posts a ON a.id = t.accepted_post_id
                    WHERE t.community_id = @Id AND t.id > @After
                      AND EXISTS (SELECT 1 FROM posts f WHERE f.topic_id = t.id AND f.post_number = 1 AND f.state = 'Visible')
                    ORDER BY t.id LIMIT 200
                    """, new { Id = id, After = after })).ToList();
                if (batch.Count == 0) break;
                after = batch[^1].Id;
                var extras = await TopicExtras.LoadAsync(connection, [.. batch.Select(t => t.Id)]);
                foreach (var t in batch)
                {
                    topicIds.Add(t.Id);
                    await lines.WriteAsync(ToFile(t, extras, people), ct);
                }
                if (batch.Count < TopicBatch) break;
            }
        }

        var postCount = 0;
        await using (var lines = JsonLines.Open(zip, sink, Archive.Posts))
        {
            foreach (var chunk in topicIds.Chunk(TopicBatch))
            {
                var parameters = new DynamicParameters(new { Id = id });
                var inList = SqlLists.In(parameters, "T", chunk);
                (long Topic, int Number) after = (0, 0);
                while (true)
                {
                    parameters.Add("AfterTopic", after.Topic);
                    parameters.Add("AfterNumber", after.Number);
                    var batch = (await connection.QueryAsync<PostRow>($"""
                        SELECT p.id, p.topic_id, p.post_number, p.author_id, p.body, p.reply_to_post_id, p.score, p.created_at, p.edited_at
                        FROM posts p
                        WHERE p.topic_id IN {inList} AND p.state = 'Visible'
                          AND (p.topic_id > @AfterTopic OR (p.topic_id = @AfterTopic AND p.post_number > @AfterNumber))
                        ORDER BY p.topic_id, p.post_number LIMIT {PostBatch}
                        """, parameters)).ToList();
                    foreach (var p in batch)
                    {
                        postCount++;
                        await lines.WriteAsync(new PostFile
                        {
                            Id = p.Id,
                            TopicId = p.TopicId,
                            Number = p.PostNumber,
                            Author = people.RefOf(p.AuthorId),
                            Body = people.Scrub(p.Body),
                            ReplyTo = p.ReplyToPostId,
                            Score = p.Score,
                            CreatedAt = p.CreatedAt,
                            EditedAt = p.EditedAt,
                        }, ct);
                    }
                    if (batch.Count < PostBatch) break;
                    after = (batch[^1].TopicId, batch[^1].PostNumber);
                }
            }
        }

        // Files of exported posts only; a row whose file is gone from disk is left out rather than breaking the archive.
        var attachments = (await connection.QueryAsync<AttachmentRow>("""
            SELECT a.id, a.post_id, a.uploader_id, a.file_name, a.content_type, a.size, a.created_at
            FROM attachments a
            JOIN posts p ON p.id = a.post_id AND p.state = 'Visible'
            JOIN topics t ON t.id = p.topic_id AND t.community_id = @Id
            WHERE a.community_id = @Id
              AND EXISTS (SELECT 1 FROM posts f WHERE f.topic_id = t.id AND f.post_number = 1 AND f.state = 'Visible')
            ORDER BY a.created_at, a.id
            """, new { Id = id })).Where(a => AttachmentTypes.IsId(a.Id) && File.Exists(store.PathOf(a.Id))).ToList();
        var attachmentFiles = attachments.Select(a => new AttachmentFile
        {
            Id = a.Id,
            PostId = a.PostId,
            Uploader = people.RefOf(a.UploaderId),
            FileName = a.FileName,
            ContentType = a.ContentType,
            Size = a.Size,
            File = Archive.AttachmentFolder + a.Id,
            CreatedAt = a.CreatedAt,
        }).ToList();
        await WriteJsonAsync(zip, sink, Archive.Attachments, attachmentFiles, ct);
        foreach (var a in attachmentFiles)
        {
            // Already compressed formats gain nothing from deflate; stored entries also make the zip-bomb check exact.
            var entry = zip.CreateEntry(a.File, CompressionLevel.NoCompression);
            using (var target = entry.Open())
            {
                await using var source = new FileStream(store.PathOf(a.Id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                var chunk = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(chunk, ct)) > 0)
                {
                    target.Write(chunk, 0, read);
                    await sink.DrainAsync(ct);
                }
            }
            await sink.DrainAsync(ct);
        }

        // Last, so its counts are what was written; readers find entries by name, never by order.
        await WriteJsonAsync(zip, sink, Archive.Manifest, new ManifestFile
        {
            Format = Archive.Format,
            Version = Archive.Version,
            SourceBaseUrl = email.Value.BaseUrl.TrimEnd('/'),
            ExportedAt = exportedAt,
            Community = community.Slug,
            Counts = new ArchiveCounts
            {
                CharterVersions = versions.Count,
                Members = members.Count,
                Authors = people.Count,
                Spaces = spaces.Count,
                Topics = topicIds.Count,
                Posts = postCount,
                Attachments = attachmentFiles.Count,
            },
        }, ct);
        zip.Dispose(); // the central directory
        await sink.DrainAsync(ct);
    }

    private static TopicFile ToFile(TopicRow t, TopicExtras extras, Pseudonyms people)
    {
        var kind = t.SpaceKind;
        return new TopicFile
        {
            Id = t.Id,
            SpaceId = t.SpaceId,
            Kind = kind,
            Author = people.RefOf(t.AuthorId),
            Title = people.Scrub(t.Title),
            Slug = t.Slug,
            Path = Topics.Url(t.Id, t.Slug),
            Tags = extras.Tags.TryGetValue(t.Id, out var tags) ? [.. tags] : [],
            Pinned = t.Pinned,
            Locked = t.Locked,
            Archived = t.Archived,
            SlowModeSeconds = t.SlowModeSeconds,
            CreatedAt = t.CreatedAt,
            LastActivityAt = t.LastActivityAt,
            Question = kind == nameof(SpaceKind.Questions) ? new QuestionFile { AcceptedPostId = t.AcceptedPostId, AcceptedAt = t.AcceptedPostId is null ? null : t.AcceptedAt } : null,
            Idea = kind == nameof(SpaceKind.Ideas)
                ? new IdeaFile
                {
                    Status = t.IdeaStatus,
                    Votes = t.VoteCount,
                    History = extras.IdeaChanges.TryGetValue(t.Id, out var changes)
                        ? [.. changes.Select(c => new IdeaStatusChangeFile { From = c.FromStatus, To = c.ToStatus, Note = people.Scrub(c.Note), Actor = people.RefOf(c.ActorId), CreatedAt = c.CreatedAt })]
                        : [],
                }
                : null,
            Event = extras.Events.TryGetValue(t.Id, out var e)
                ? new EventFile { StartsAt = e.StartsAt, EndsAt = e.EndsAt, TimeZone = e.TimeZone, Location = e.Location, Url = e.Url, Capacity = e.Capacity }
                : null,
            Article = extras.Articles.TryGetValue(t.Id, out var a)
                ? new ArticleFile
                {
                    State = a.State,
                    Revision = a.Revision,
                    PublishedAt = a.PublishedAt,
                    Revisions = extras.Revisions.TryGetValue(t.Id, out var revisions)
                        ? [.. revisions.Select(r => new ArticleRevisionFile
                        {
                            Number = r.Number,
                            Author = people.RefOf(r.AuthorId),
                            Summary = people.Scrub(r.Summary),
                            Title = people.Scrub(r.Title),
                            Body = people.Scrub(r.Body),
                            RevertedTo = r.RevertedTo,
                            CreatedAt = r.CreatedAt,
                        })]
                        : [],
                }
                : null,
        };
    }

    /// <summary>The small files (all but topics and posts), whole; attachments.json is a few hundred bytes a file.</summary>
    private static async Task WriteJsonAsync<T>(ZipArchive zip, DrainingStream sink, string name, T value, CancellationToken ct)
    {
        using (var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open())
            JsonSerializer.Serialize(stream, value, Archive.Json);
        await sink.DrainAsync(ct);
    }

    /// <summary>One JSON document a line, gathered in a small buffer and written asynchronously (the response allows no synchronous writes).</summary>
    private sealed class JsonLines : IAsyncDisposable
    {
        private const int FlushAt = 64 * 1024;
        private readonly Stream _stream;
        private readonly DrainingStream _sink;
        private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
        private readonly Utf8JsonWriter _writer;

        private JsonLines(Stream stream, DrainingStream sink)
        {
            _stream = stream;
            _sink = sink;
            _writer = new Utf8JsonWriter(_buffer);
        }

        public static JsonLines Open(ZipArchive zip, DrainingStream sink, string name) =>
            new(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), sink);

        public async Task WriteAsync<T>(T item, CancellationToken ct)
        {
            JsonSerializer.Serialize(_writer, item, Archive.Json);
            _writer.Flush();
            _writer.Reset();
            _buffer.Write("\n"u8);
            if (_buffer.WrittenCount >= FlushAt) await FlushAsync(ct);
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
            await _sink.DrainAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_buffer.WrittenCount > 0) await FlushAsync(CancellationToken.None);
            await _writer.DisposeAsync();
            _stream.Dispose();
            await _sink.DrainAsync(CancellationToken.None);
        }
    }

    /// <summary>What a batch of topics carries beside its row, read with one query per table for the whole batch.</summary>
    private sealed record TopicExtras(
        ILookup<long, string> TagLookup,
        ILookup<long, IdeaChangeRow> IdeaLookup,
        Dictionary<long, EventRow> Events,
        Dictionary<long, ArticleRow> Articles,
        ILookup<long, RevisionRow> RevisionLookup)
    {
        public Dictionary<long, IEnumerable<string>> Tags { get; } = TagLookup.ToDictionary(g => g.Key, g => (IEnumerable<string>)g.OrderBy(t => t, StringComparer.Ordinal));
        public Dictionary<long, IEnumerable<IdeaChangeRow>> IdeaChanges { get; } = IdeaLookup.ToDictionary(g => g.Key, g => (IEnumerable<IdeaChangeRow>)g);
        public Dictionary<long, IEnumerable<RevisionRow>> Revisions { get; } = RevisionLookup.ToDictionary(g => g.Key, g => (IEnumerable<RevisionRow>)g);

        public static async Task<TopicExtras> LoadAsync(DbConnection connection, long[] ids)
        {
            async Task<List<TRow>> Query<TRow>(string sql)
            {
                var parameters = new DynamicParameters();
                return [.. await connection.QueryAsync<TRow>(sql.Replace("@@IDS", SqlLists.In(parameters, "T", ids), StringComparison.Ordinal), parameters)];
            }
            var tags = await Query<(long TopicId, string Tag)>("SELECT topic_id, tag FROM topic_tags WHERE topic_id IN @@IDS");
            var changes = await Query<IdeaChangeRow>(
                "SELECT topic_id, from_status, to_status, note, actor_id, created_at FROM idea_status_changes WHERE topic_id IN @@IDS ORDER BY id");
            var events = await Query<EventRow>(
                "SELECT topic_id, starts_at, ends_at, time_zone, location, url, capacity FROM events WHERE topic_id IN @@IDS");
            var articles = await Query<ArticleRow>("SELECT topic_id, state, revision, published_at FROM articles WHERE topic_id IN @@IDS");
            var revisions = articles.Count == 0 ? [] : await Query<RevisionRow>(
                "SELECT topic_id, number, author_id, summary, title, body, reverted_to, created_at FROM article_revisions WHERE topic_id IN @@IDS ORDER BY topic_id, number");
            return new TopicExtras(tags.ToLookup(t => t.TopicId, t => t.Tag), changes.ToLookup(c => c.TopicId),
                events.ToDictionary(e => e.TopicId), articles.ToDictionary(a => a.TopicId), revisions.ToLookup(r => r.TopicId));
        }
    }

    private sealed record CommunityRow
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Domain { get; init; }
        public string Visibility { get; init; } = "";
        public string JoinPolicy { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int RulesVersion { get; init; }
        public string Purpose { get; init; } = "";
        public string ValuesStatement { get; init; } = "";
        public string Rules { get; init; } = "";
        public int FlagsToHide { get; init; }
        public bool HoldFirstPosts { get; init; }
        public bool PublicModerationLog { get; init; }
    }

    private sealed record MemberRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTime? JoinedAt { get; init; }
    }

    private sealed record VersionRow
    {
        public int Version { get; init; }
        public string Purpose { get; init; } = "";
        public string ValuesStatement { get; init; } = "";
        public string Rules { get; init; } = "";
        public long EditedBy { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    private sealed record SpaceRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Description { get; init; } = "";
        public string WhoCanStart { get; init; } = "";
        public int Position { get; init; }
        public bool AllowReplies { get; init; }
        public string EditPolicy { get; init; } = "";
        public int SlowModeSeconds { get; init; }
    }

    private sealed record TopicRow
    {
        public long Id { get; init; }
        public long SpaceId { get; init; }
        public string SpaceKind { get; init; } = "";
        public long AuthorId { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public bool Pinned { get; init; }
        public bool Locked { get; init; }
        public bool Archived { get; init; }
        public int SlowModeSeconds { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastActivityAt { get; init; }
        public int VoteCount { get; init; }
        public string IdeaStatus { get; init; } = "";
        public long? AcceptedPostId { get; init; }
        public DateTime? AcceptedAt { get; init; }
    }

    private sealed record IdeaChangeRow
    {
        public long TopicId { get; init; }
        public string FromStatus { get; init; } = "";
        public string ToStatus { get; init; } = "";
        public string Note { get; init; } = "";
        public long ActorId { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    private sealed record EventRow
    {
        public long TopicId { get; init; }
        public DateTime StartsAt { get; init; }
        public DateTime EndsAt { get; init; }
        public string TimeZone { get; init; } = "";
        public string? Location { get; init; }
        public string? Url { get; init; }
        public int? Capacity { get; init; }
    }

    private sealed record ArticleRow
    {
        public long TopicId { get; init; }
        public string State { get; init; } = "";
        public int Revision { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    private sealed record RevisionRow
    {
        public long TopicId { get; init; }
        public int Number { get; init; }
        public long AuthorId { get; init; }
        public string Summary { get; init; } = "";
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public int? RevertedTo { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    private sealed record PostRow
    {
        public long Id { get; init; }
        public long TopicId { get; init; }
        public int PostNumber { get; init; }
        public long AuthorId { get; init; }
        public string Body { get; init; } = "";
        public long? ReplyToPostId { get; init; }
        public int Score { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? EditedAt { get; init; }
    }

    private sealed record AttachmentRow
    {
        public string Id { get; init; } = "";
        public long PostId { get; init; }
        public long UploaderId { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Size { get; init; }
        public DateTime CreatedAt { get; init; }
    }
}
