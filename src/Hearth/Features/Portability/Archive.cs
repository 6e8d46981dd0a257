using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hearth.Features.Portability;

/// <summary>
/// The community archive, version 1: a ZIP of JSON files (JSON Lines for the long ones) and the attachment files.
/// docs/archive-format.md describes every file and field; these records are its single definition in code.
/// </summary>
public static class Archive
{
    public const string Format = "hearth-community";
    public const int Version = 1;

    public const string Manifest = "manifest.json";
    public const string Community = "community.json";
    public const string CharterVersions = "charter-versions.json";
    public const string Members = "members.json";
    public const string Spaces = "spaces.json";
    public const string Topics = "topics.jsonl";
    public const string Posts = "posts.jsonl";
    public const string Attachments = "attachments.json";
    public const string AttachmentFolder = "attachments/";

    /// <summary>Files every archive has; attachment files are the only other entries allowed.</summary>
    public static readonly string[] Required = [Manifest, Community, CharterVersions, Members, Spaces, Topics, Posts, Attachments];

    /// <summary>What an author is called in an archive: a stable pseudonym per archive, never an id or a name of this instance.</summary>
    public static string Ref(int n) => $"member-{n}";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new NoNulStrings() },
    };

    /// <summary>PostgreSQL text cannot hold U+0000 (a 500 on write): an archive string carrying one is refused as invalid JSON.</summary>
    private sealed class NoNulStrings : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("A string contains a NUL character.") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

public sealed record ManifestFile
{
    public string Format { get; init; } = "";
    public int Version { get; init; }
    public string Software { get; init; } = "Hearth";
    public string SourceBaseUrl { get; init; } = "";
    public DateTime ExportedAt { get; init; }
    public string Community { get; init; } = "";
    public ArchiveCounts Counts { get; init; } = new();
}

public sealed record ArchiveCounts
{
    public int CharterVersions { get; init; }
    public int Members { get; init; }
    public int Authors { get; init; }
    public int Spaces { get; init; }
    public int Topics { get; init; }
    public int Posts { get; init; }
    public int Attachments { get; init; }
}

public sealed record CommunityFile
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Domain { get; init; }
    public string Visibility { get; init; } = "";
    public string JoinPolicy { get; init; } = "";
    public string Status { get; init; } = "Active";
    public DateTime CreatedAt { get; init; }
    public string Path { get; init; } = "";
    public CharterFile Charter { get; init; } = new();
    public ModerationSettingsFile Moderation { get; init; } = new();
}

public sealed record CharterFile
{
    public int Version { get; init; }
    public string Purpose { get; init; } = "";
    public string Values { get; init; } = "";
    public string Rules { get; init; } = "";
}

public sealed record ModerationSettingsFile
{
    public int FlagsToHide { get; init; } = 3;
    public bool HoldFirstPosts { get; init; }
    public bool PublicModerationLog { get; init; }
}

public sealed record CharterVersionFile
{
    public int Version { get; init; }
    public string Purpose { get; init; } = "";
    public string Values { get; init; } = "";
    public string Rules { get; init; } = "";
    public string EditedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>A member who consented to be named in exports.</summary>
public sealed record MemberFile
{
    public string Ref { get; init; } = "";
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTime? JoinedAt { get; init; }
}

public sealed record SpaceFile
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public string WhoCanStart { get; init; } = "";
    public int Position { get; init; }
    public bool AllowReplies { get; init; } = true;
    public string EditPolicy { get; init; } = "Wiki";
    public int SlowModeSeconds { get; init; }
    public string Path { get; init; } = "";
}

public sealed record TopicFile
{
    public long Id { get; init; }
    public long SpaceId { get; init; }
    public string Kind { get; init; } = "";
    public string Author { get; init; } = "";
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Path { get; init; } = "";
    public string[] Tags { get; init; } = [];
    public bool Pinned { get; init; }
    public bool Locked { get; init; }
    public bool Archived { get; init; }
    public int SlowModeSeconds { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastActivityAt { get; init; }
    public QuestionFile? Question { get; init; }
    public IdeaFile? Idea { get; init; }
    public EventFile? Event { get; init; }
    public ArticleFile? Article { get; init; }
}

public sealed record QuestionFile
{
    public long? AcceptedPostId { get; init; }
    public DateTime? AcceptedAt { get; init; }
}

public sealed record IdeaFile
{
    public string Status { get; init; } = "New";
    public int Votes { get; init; }
    public IdeaStatusChangeFile[] History { get; init; } = [];
}

public sealed record IdeaStatusChangeFile
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string Note { get; init; } = "";
    public string Actor { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

public sealed record EventFile
{
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string TimeZone { get; init; } = "";
    public string? Location { get; init; }
    public string? Url { get; init; }
    public int? Capacity { get; init; }
}

public sealed record ArticleFile
{
    public string State { get; init; } = "";
    public int Revision { get; init; }
    public DateTime? PublishedAt { get; init; }
    public ArticleRevisionFile[] Revisions { get; init; } = [];
}

public sealed record ArticleRevisionFile
{
    public int Number { get; init; }
    public string Author { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public int? RevertedTo { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed record PostFile
{
    public long Id { get; init; }
    public long TopicId { get; init; }
    public int Number { get; init; }
    public string Author { get; init; } = "";
    public string Body { get; init; } = "";
    public long? ReplyTo { get; init; }
    public int Score { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? EditedAt { get; init; }
}

public sealed record AttachmentFile
{
    public string Id { get; init; } = "";
    public long PostId { get; init; }
    public string Uploader { get; init; } = "";
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public string File { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
