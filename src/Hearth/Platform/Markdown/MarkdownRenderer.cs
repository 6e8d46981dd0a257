using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hearth.Platform.Markdown;

/// <summary>
/// Turns member Markdown into safe HTML, once, on write: raw HTML is escaped, links and images keep only
/// http, https and mailto (or same-site relative) targets, and links carry rel="nofollow ugc noopener".
/// </summary>
public static partial class MarkdownRenderer
{
    // "@name" where name follows the user name rule; not after a word character, '@' or '.', so e-mail addresses
    // and "a@b" stay text. A trailing '.' or '-' is sentence punctuation, not part of the name.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_][A-Za-z0-9_.-]{1,31})")]
    private static partial Regex MentionPattern();

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown) => ToHtml(markdown, null);

    /// <summary>
    /// Renders, and links each "@name" of <paramref name="mentions"/> (keys compared ignoring case, values the
    /// canonical user names) to the member's profile; code spans, code blocks and link texts are left alone.
    /// </summary>
    public static string ToHtml(string? markdown, IReadOnlyDictionary<string, string>? mentions)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        if (mentions is { Count: > 0 }) LinkMentions(document, mentions);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url, link.IsImage)) Unlink(link);
            else if (!link.IsImage) link.GetAttributes().AddProperty("rel", "nofollow ugc noopener");
        }
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            var url = link.IsEmail ? "mailto:" + link.Url : link.Url;
            if (!IsSafe(url, image: false)) link.ReplaceBy(new LiteralInline(link.Url));
            else link.GetAttributes().AddProperty("rel", "nofollow ugc noopener");
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The "@name"s of a text outside code and link texts, in order of first appearance, each once (ignoring case).</summary>
    public static IReadOnlyList<string> Mentions(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        var names = new List<string>();
        foreach (var run in LiteralRuns(Markdig.Markdown.Parse(markdown, Pipeline)))
            foreach (Match m in MentionPattern().Matches(run.Text))
            {
                var name = TrimName(m.Groups[1].Value);
                if (name.Length >= 2 && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
            }
        return names;
    }

    /// <summary>The targets of the links inside block quotes: a quote names its source with a link to the post.</summary>
    public static IReadOnlyList<string> QuotedLinks(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        return [.. Markdig.Markdown.Parse(markdown, Pipeline).Descendants<QuoteBlock>()
            .SelectMany(q => q.Descendants<LinkInline>()).Where(l => !l.IsImage && l.Url is not null).Select(l => l.Url!).Distinct()];
    }

    private static string TrimName(string name) => name.TrimEnd('.', '-');

    private sealed record LiteralRun(ContainerInline Parent, List<LiteralInline> Parts)
    {
        public string Text => string.Concat(Parts.Select(p => p.Content.ToString()));
    }

    /// <summary>
    /// Consecutive literals outside links, joined: the parser splits text at delimiter characters ('_', '*'), so a
    /// name like ada_l may arrive in pieces.
    /// </summary>
    private static List<LiteralRun> LiteralRuns(MarkdownDocument document)
    {
        var runs = new List<LiteralRun>();
        // A paragraph's own inline root is not among the document's descendants; its nested containers are.
        var containers = document.Descendants<LeafBlock>().Where(l => l.Inline is not null)
            .SelectMany(l => new[] { (ContainerInline)l.Inline! }.Concat(l.Inline!.Descendants<ContainerInline>())).ToList();
        foreach (var container in containers)
        {
            if (container is LinkInline || container.FindParentOfType<LinkInline>().Any()) continue;
            List<LiteralInline>? current = null;
            for (var child = container.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is LiteralInline literal) (current ??= []).Add(literal);
                else if (current is not null) { runs.Add(new LiteralRun(container, current)); current = null; }
            }
            if (current is not null) runs.Add(new LiteralRun(container, current));
        }
        return runs;
    }

    private static void LinkMentions(MarkdownDocument document, IReadOnlyDictionary<string, string> mentions)
    {
        foreach (var run in LiteralRuns(document))
        {
            var text = run.Text;
            var matches = MentionPattern().Matches(text).Where(m => mentions.ContainsKey(TrimName(m.Groups[1].Value))).ToList();
            if (matches.Count == 0) continue;
            Inline anchor = run.Parts[0];
            var at = 0;
            var pieces = new List<Inline>();
            foreach (var m in matches)
            {
                var name = TrimName(m.Groups[1].Value);
                if (m.Index > at) pieces.Add(new LiteralInline(text[at..m.Index]));
                var link = new LinkInline($"/u/{mentions[name]}", "");
                link.AppendChild(new LiteralInline("@" + name));
                link.GetAttributes().AddClass("mention");
                pieces.Add(link);
                at = m.Index + 1 + name.Length;
            }
            if (at < text.Length) pieces.Add(new LiteralInline(text[at..]));
            foreach (var piece in pieces) anchor.InsertBefore(piece);
            foreach (var part in run.Parts) part.Remove();
        }
    }

    internal static bool IsSafe(string? url, bool image)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal)) return false;
        if (trimmed[0] is '/' or '#' or '?') return true;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return false;
        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (!image && uri.Scheme == Uri.UriSchemeMailto);
    }

    /// <summary>Keeps an unsafe link's text (or an image's alt text) and drops its target.</summary>
    private static void Unlink(LinkInline link)
    {
        var text = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
        link.ReplaceBy(new LiteralInline(text));
    }
}
