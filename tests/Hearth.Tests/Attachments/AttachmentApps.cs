using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Attachments;

/// <summary>
/// The attachment suites run on apps of their own: files go to a throw-away folder (never the source tree's data/),
/// and the size limit is small, so an oversized upload is quick to send.
/// </summary>
internal static class AttachmentSettings
{
    public const long MaxBytes = 256 * 1024;

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "hearth-tests", "attachments-" + Guid.NewGuid().ToString("n"));

    public static IEnumerable<KeyValuePair<string, string>> For(string folder) =>
    [
        new("Hearth:Attachments:Path", folder),
        new("Hearth:Attachments:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }
}

public sealed class AttachmentsSqliteApp : SqliteApp
{
    public string AttachmentsFolder { get; } = AttachmentSettings.NewFolder();
    protected override IEnumerable<KeyValuePair<string, string>> Settings => AttachmentSettings.For(AttachmentsFolder);

    protected override async Task DropDatabaseAsync()
    {
        try
        {
            await base.DropDatabaseAsync();
        }
        finally
        {
            AttachmentSettings.Delete(AttachmentsFolder);
        }
    }
}

public sealed class AttachmentsPostgresApp : PostgresApp
{
    public string AttachmentsFolder { get; } = AttachmentSettings.NewFolder();
    protected override IEnumerable<KeyValuePair<string, string>> Settings => AttachmentSettings.For(AttachmentsFolder);

    protected override async Task DropDatabaseAsync()
    {
        try
        {
            await base.DropDatabaseAsync();
        }
        finally
        {
            AttachmentSettings.Delete(AttachmentsFolder);
        }
    }
}

public static class AttachmentEngines
{
    public const string Sqlite = "Attachments.Sqlite";
    public const string Postgres = "Attachments.Postgres";
}

[CollectionDefinition(AttachmentEngines.Sqlite)]
public sealed class AttachmentsSqliteCollection : ICollectionFixture<AttachmentsSqliteApp>;

[CollectionDefinition(AttachmentEngines.Postgres)]
public sealed class AttachmentsPostgresCollection : ICollectionFixture<AttachmentsPostgresApp>;
