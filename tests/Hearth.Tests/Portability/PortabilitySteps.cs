using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Portability;

/// <summary>Short ways to export, import and look inside community archives, as a script would.</summary>
public static class PortabilitySteps
{
    public static Task<HttpResponseMessage> ConsentAsync(this Member member, string slug, bool consent = true) =>
        member.PutAsync($"/api/v1/communities/{slug}/membership/export-consent", new { consent });

    public static async Task<byte[]> ExportAsync(this Member steward, string slug)
    {
        var response = await steward.GetAsync($"/api/v1/communities/{slug}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> ImportAsync(this Member importer, byte[] archive, string? slug = null)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return importer.Http.PostAsync("/api/v1/communities/import" + (slug is null ? "" : "?slug=" + slug), content);
    }

    /// <summary>Every entry of an archive as text (attachments too, as Latin-1 so no byte is lost).</summary>
    public static Dictionary<string, string> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), e.FullName.StartsWith("attachments/", StringComparison.Ordinal) ? Encoding.Latin1 : Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    public static JsonNode[] Lines(string jsonl) =>
        [.. jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    /// <summary>A copy of <paramref name="archive"/> with entries replaced, added (non-null) or removed (null).</summary>
    public static byte[] Rewrite(byte[] archive, Dictionary<string, byte[]?> changes)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => !changes.ContainsKey(e.FullName)))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            foreach (var (name, bytes) in changes.Where(c => c.Value is not null))
            {
                using var to = target.CreateEntry(name).Open();
                to.Write(bytes!);
            }
        }
        return output.ToArray();
    }

    /// <summary>Rows that an import writes, so a refused import can be shown to have written none.</summary>
    public static async Task<(long Communities, long Users, long Invitations, long Paths)> ImportFootprintAsync(this HearthApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invitations"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM imported_paths"));
    }

    public static async Task<T> QueryOneAsync<T>(this HearthApp app, string sql, object? args = null)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.QuerySingleAsync<T>(sql, args);
    }

    public static async Task<List<T>> QueryAsync<T>(this HearthApp app, string sql, object? args = null)
    {
        await using var connection = await app.Db.OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, args)];
    }
}
