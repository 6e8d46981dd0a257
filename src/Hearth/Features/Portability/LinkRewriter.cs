using System.Text.RegularExpressions;

namespace Hearth.Features.Portability;

/// <summary>
/// Rewrites the links of imported Markdown: to the old instance's topics of this community (absolute, or relative
/// as Hearth writes them) → the new topics; to the old community's pages → the new slug; to its attachments → the new
/// files. A relative topic link this archive does not hold pointed at another community of the old instance, so it is
/// made absolute there rather than left to mean some unrelated topic here. Post numbers are kept, so #post-N holds.
/// </summary>
public sealed class LinkRewriter
{
    private readonly Regex _topic;
    private readonly Regex _community;
    private readonly string? _base;
    private readonly string _newSlug;
    private readonly IReadOnlyDictionary<long, (long Id, string Slug)> _topics;
    private readonly IReadOnlyDictionary<string, string> _attachments;

    private static readonly Regex Attachment = new("/attachments/([0-9a-f]{32})(?![0-9a-z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public LinkRewriter(string? sourceBaseUrl, string oldSlug, string newSlug,
        IReadOnlyDictionary<long, (long Id, string Slug)> topics, IReadOnlyDictionary<string, string> attachments)
    {
        _base = sourceBaseUrl is { Length: > 0 } b && Uri.TryCreate(b, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? b.TrimEnd('/') : null;
        _newSlug = newSlug;
        _topics = topics;
        _attachments = attachments;
        // Relative links start a URL: not after a letter, digit or any character that continues one.
        var absolute = _base is null ? "(?!)" : Regex.Escape(_base);
        const string relative = @"(?<![A-Za-z0-9.:/_%~+-])";
        _topic = new Regex($@"(?:(?<abs>{absolute})|{relative})/t/(?<id>\d{{1,18}})(?<slug>/[a-z0-9-]+(?![A-Za-z0-9/_.-]))?",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        _community = new Regex($@"(?:{absolute}|{relative})/c/{Regex.Escape(oldSlug)}(?![a-z0-9-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Rewrite(string markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains('/', StringComparison.Ordinal)) return markdown;
        var text = _topic.Replace(markdown, m =>
        {
            if (long.TryParse(m.Groups["id"].Value, out var old) && _topics.TryGetValue(old, out var now))
                return m.Groups["slug"].Success ? $"/t/{now.Id}/{now.Slug}" : $"/t/{now.Id}"; // "/t/5/article/edit" keeps its tail
            return m.Groups["abs"].Success || _base is null ? m.Value : _base + m.Value;
        });
        text = _community.Replace(text, $"/c/{_newSlug}");
        return _attachments.Count == 0 ? text
            : Attachment.Replace(text, m => _attachments.TryGetValue(m.Groups[1].Value, out var id) ? $"/attachments/{id}" : m.Value);
    }
}
