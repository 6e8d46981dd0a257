using System.Text.RegularExpressions;
using Dapper;
using Hearth.Platform.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Hearth.Features.Portability;

/// <summary>
/// Old links of imported communities. Asked only by the 404 page, after nothing on this instance answered the path,
/// so normal requests never pay for it: <c>/t/{oldId}[/anything]</c> and <c>/c/{oldSlug}[/rest]</c> answer 301 to
/// where the topic or community lives now.
/// </summary>
public sealed partial class OldLinks(Db db)
{
    [GeneratedRegex(@"^/t/(\d{1,18})(?:/[^/]*)?$")]
    private static partial Regex TopicPath();

    [GeneratedRegex(@"^/c/([a-z0-9-]{2,40})(/.*)?$")]
    private static partial Regex CommunityPath();

    public static string TopicKey(long id) => $"/t/{id}";

    public static string CommunityKey(string slug) => $"/c/{slug}";

    /// <summary>Where a path that found nothing has moved, or null; the original query string is kept.</summary>
    public async Task<string?> FindAsync(HttpContext http)
    {
        var original = http.Features.Get<IStatusCodeReExecuteFeature>();
        var path = original?.OriginalPath ?? http.Request.Path.Value ?? "";
        var query = original?.OriginalQueryString ?? "";
        string key, rest = "";
        if (TopicPath().Match(path) is { Success: true } topic) key = TopicKey(long.Parse(topic.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        else if (CommunityPath().Match(path) is { Success: true } community) (key, rest) = (CommunityKey(community.Groups[1].Value), community.Groups[2].Value);
        else return null;
        await using var connection = await db.OpenAsync();
        var target = await connection.ExecuteScalarAsync<string?>("SELECT new_path FROM imported_paths WHERE old_path = @Key", new { Key = key });
        return target is null ? null : target + rest + query;
    }
}
