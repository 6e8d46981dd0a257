using Hearth.Features.Attachments;
using Hearth.Platform.Markdown;

namespace Hearth.Tests.Attachments;

/// <summary>The pure parts of attachments: recognising files, naming them, and the settings.</summary>
public sealed class AttachmentTypesSpec
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x37, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "application/zip")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null)]
    public void Binary_files_are_recognised_by_their_signature_only(byte[] head, string? expected) =>
        Assert.Equal(expected, AttachmentTypes.BySignature(head)?.ContentType);

    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("Photo.PNG", "Photo.PNG")]
    [InlineData("../../../etc/passwd", "passwd.png")]
    [InlineData("C:\\Users\\me\\Desktop\\me.png", "me.png")]
    [InlineData("page.html", "page.html.png")]
    [InlineData("  .hidden.png", "hidden.png")]
    [InlineData("a..b...png", "a.b.png")]
    [InlineData("", "file.png")]
    [InlineData(null, "file.png")]
    [InlineData("café noir.png", "café_noir.png")]
    [InlineData("<script>alert(1)</script>.png", "script_.png")]
    [InlineData("\"quoted\";\r\nContent-Type: text/html; x=.png", "html_x_.png")]
    public void Names_keep_their_last_segment_safe_characters_and_an_honest_extension(string? claimed, string expected) =>
        Assert.Equal(expected, AttachmentTypes.FileName(claimed, AttachmentTypes.Png));

    [Fact]
    public void A_jpeg_may_be_called_jpg_or_jpeg_and_text_keeps_its_own_extensions()
    {
        Assert.Equal("a.jpg", AttachmentTypes.FileName("a.jpg", AttachmentTypes.Jpeg));
        Assert.Equal("a.jpeg", AttachmentTypes.FileName("a.jpeg", AttachmentTypes.Jpeg));
        Assert.Equal("a.png.jpg", AttachmentTypes.FileName("a.png", AttachmentTypes.Jpeg));
        Assert.Equal("notes.md", AttachmentTypes.FileName("notes.md", AttachmentTypes.Text));
        Assert.Equal("data.csv", AttachmentTypes.FileName("data.csv", AttachmentTypes.Text));
        Assert.Equal("run.sh.txt", AttachmentTypes.FileName("run.sh", AttachmentTypes.Text));
    }

    [Fact]
    public void The_settings_default_to_ten_megabytes_and_every_known_type_and_can_narrow_them()
    {
        var defaults = new AttachmentOptions();
        Assert.Equal(10 * 1024 * 1024, defaults.MaxBytes);
        Assert.Equal("10 MB", defaults.MaxSize);
        Assert.Equal(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "application/zip"],
            defaults.Allowed.Select(k => k.ContentType));
        var narrow = new AttachmentOptions { AllowedTypes = ["IMAGE/PNG", "application/pdf", "image/svg+xml"], MaxBytes = 512 * 1024 };
        Assert.Equal(["image/png", "application/pdf"], narrow.Allowed.Select(k => k.ContentType));
        Assert.Equal("512 KB", narrow.MaxSize);
        Assert.Equal("PNG or PDF", AttachmentTypes.Describe(narrow.Allowed));
    }

    [Fact]
    public async Task Detection_refuses_what_the_settings_leave_out()
    {
        var pdfOnly = new AttachmentOptions { AllowedTypes = ["application/pdf"] }.Allowed;
        Stream Png() => new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);
        Assert.Null(await AttachmentTypes.DetectAsync(Png, "image/png", "a.png", pdfOnly));
        Assert.Equal(AttachmentTypes.Png, await AttachmentTypes.DetectAsync(Png, "image/png", "a.png", AttachmentTypes.Known));
        Stream Text() => new MemoryStream("plain words\n"u8.ToArray());
        Assert.Equal(AttachmentTypes.Text, await AttachmentTypes.DetectAsync(Text, "application/octet-stream", "words.txt", AttachmentTypes.Known));
        Assert.Null(await AttachmentTypes.DetectAsync(Text, "application/octet-stream", "words.bin", AttachmentTypes.Known));
    }

    [Fact]
    public void Attachment_links_are_found_in_bodies_and_render_as_same_site_images()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        Assert.Equal([id], AttachmentLinks.Referenced($"![a](/attachments/{id}/a.png) and again [a](https://x.example/attachments/{id}/a.png)"));
        Assert.Empty(AttachmentLinks.Referenced($"/attachments/{id}0/a.png /attachments/{id[..31]}/a.png /attachment/{id}/x"));
        Assert.Empty(AttachmentLinks.Referenced(null));
        var html = MarkdownRenderer.ToHtml($"![a cat](/attachments/{id}/cat.png)");
        Assert.Contains($"<img src=\"/attachments/{id}/cat.png\" alt=\"a cat\"", html);
    }
}
