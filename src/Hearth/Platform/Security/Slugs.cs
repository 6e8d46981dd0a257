using System.Text;
using System.Text.RegularExpressions;

namespace Hearth.Platform.Security;

/// <summary>URL names: lower-case ASCII letters, digits and single hyphens.</summary>
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$")]
    private static partial Regex ValidSlug();

    public static bool IsValid(string? slug) => slug is not null && ValidSlug().IsMatch(slug);

    /// <summary>A readable URL fragment from a title (for /t/{id}/{titleSlug}); never empty.</summary>
    public static string FromTitle(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '/') && builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 60) break;
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "topic" : slug;
    }
}
