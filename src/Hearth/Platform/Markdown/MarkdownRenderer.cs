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
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
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
