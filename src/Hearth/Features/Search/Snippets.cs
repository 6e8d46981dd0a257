using System.Text;

namespace Hearth.Features.Search;

/// <summary>
/// Turns an engine's snippet into safe HTML. The engines mark hits with the control characters STX and ETX (never
/// with HTML): the text is HTML-encoded here, character by character, and only then do the markers become
/// <c>&lt;mark&gt;</c> elements, balanced whatever the content held. Nothing the author wrote reaches the page as markup.
/// </summary>
public static class Snippets
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    public static string ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked)) return "";
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        var space = false;
        for (var i = 0; i < marked.Length; i++)
        {
            var ch = marked[i];
            if (ch == Start)
            {
                if (open) continue;
                if (space) { html.Append(' '); space = false; }
                html.Append("<mark>");
                open = true;
                continue;
            }
            if (ch == Stop) { if (open) { html.Append("</mark>"); open = false; } continue; }
            // Markdown emphasis and code marks are noise in a one-line excerpt.
            if (ch is '`' || (ch is '*' or '_' && i + 1 < marked.Length && marked[i + 1] == ch)) { i += ch == '`' ? 0 : 1; continue; }
            if (char.IsWhiteSpace(ch) || char.IsControl(ch)) { space = html.Length > 0; continue; }
            if (space) { html.Append(' '); space = false; }
            switch (ch)
            {
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '&': html.Append("&amp;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(ch); break;
            }
        }
        if (open) html.Append("</mark>");
        return html.ToString();
    }
}
