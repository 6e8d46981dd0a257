using System.Text.RegularExpressions;

namespace Hearth.Features.Health;

/// <summary>
/// How much of a post's Markdown source is links: the non-blank characters inside Markdown links and images
/// (<c>[text](url)</c>, the whole of it, text included), autolinks (<c>&lt;https://…&gt;</c>) and bare URLs, over all
/// its non-blank characters. A post is mostly links from <see cref="MostlyLinks"/> up: it says little in its own words.
/// </summary>
public static partial class LinkShare
{
    /// <summary>Half the post or more.</summary>
    public const double MostlyLinks = 0.5;

    [GeneratedRegex(@"!?\[[^\]\n]*\]\([^)\s]+(?:\s+""[^""\n]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<https?://[^>\s]+>", RegexOptions.IgnoreCase)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"https?://[^\s)<>\]""']+", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    /// <summary>From 0 to 1; 0 for an empty body.</summary>
    public static double Of(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return 0;
        var covered = new bool[body.Length];
        foreach (var pattern in new[] { MarkdownLink(), AutoLink(), BareUrl() })
            foreach (Match m in pattern.Matches(body))
                for (var i = m.Index; i < m.Index + m.Length; i++) covered[i] = true;
        int all = 0, links = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (char.IsWhiteSpace(body[i])) continue;
            all++;
            if (covered[i]) links++;
        }
        return all == 0 ? 0 : (double)links / all;
    }

    public static bool IsMostlyLinks(string? body) => Of(body) >= MostlyLinks;

    /// <summary>The hosts a post links to, lower case and without "www.".</summary>
    public static IEnumerable<string> Hosts(string? body) =>
        string.IsNullOrEmpty(body)
            ? []
            : BareUrl().Matches(body).Select(m => HostOf(m.Value)).OfType<string>().Distinct();

    /// <summary>The host of a URL, lower case and without "www."; null when it is not an absolute http(s) URL.</summary>
    public static string? HostOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : null;
}
