using Hearth.Platform.Markdown;

namespace Hearth.Tests.Platform;

public sealed class MarkdownSpec
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JavaScript:alert(1))", "avascript:")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [InlineData("![x](javascript:alert(1))", "<img")]
    [InlineData("[x](//evil.example/)", "href=\"//")]
    [InlineData("<a href=\"https://x.test\" onclick=\"alert(1)\">x</a>", "<a href")]
    public void Unsafe_markup_never_reaches_the_html(string markdown, string forbidden)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Safe_links_keep_their_target_and_get_ugc_rel()
    {
        var html = MarkdownRenderer.ToHtml("[docs](https://example.org/a) and <https://example.org/b> and [mail](mailto:a@b.test)");
        Assert.Contains("href=\"https://example.org/a\" rel=\"nofollow ugc noopener\"", html);
        Assert.Contains("href=\"https://example.org/b\" rel=\"nofollow ugc noopener\"", html);
        Assert.Contains("href=\"mailto:a@b.test\"", html);
    }

    [Fact]
    public void Ordinary_markdown_renders()
    {
        Assert.Equal("<p><strong>bold</strong> and <em>soft</em></p>\n", MarkdownRenderer.ToHtml("**bold** and *soft*"));
        Assert.Contains("<code>x &lt; y</code>", MarkdownRenderer.ToHtml("`x < y`"));
        Assert.Equal("", MarkdownRenderer.ToHtml("   "));
    }

    [Fact]
    public void An_unsafe_link_keeps_its_text()
    {
        Assert.Contains("click here", MarkdownRenderer.ToHtml("[click here](javascript:alert(1))"));
    }
}
