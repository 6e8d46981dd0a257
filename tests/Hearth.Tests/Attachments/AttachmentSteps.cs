using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Attachments;

/// <summary>Files to upload, and short ways to upload them as a script would.</summary>
public static class AttachmentSteps
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];
    public static readonly byte[] Gif = [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, (byte)';'];
    public static readonly byte[] Webp = [.. "RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .. "WEBPVP8L"u8, 0x0D, 0x00, 0x00, 0x00, 0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00];
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    public static readonly byte[] Zip = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    public static readonly byte[] Text = Encoding.UTF8.GetBytes("Meeting notes — café at 10:00.\r\n\tBring cake.\n");
    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0x00];
    public static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>");

    public static MultipartFormDataContent Form(string? communitySlug, byte[]? bytes, string fileName = "cat.png", string? contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        if (communitySlug is not null) form.Add(new StringContent(communitySlug), "communitySlug");
        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            if (contentType is not null) file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            form.Add(file, "file", fileName);
        }
        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient http, string? communitySlug, byte[]? bytes, string fileName = "cat.png", string? contentType = "image/png") =>
        http.PostAsync("/api/v1/attachments", Form(communitySlug, bytes, fileName, contentType));

    public static async Task<JsonNode> UploadedAsync(this Member member, string slug, byte[] bytes, string fileName = "cat.png", string? contentType = "image/png") =>
        await (await member.Http.UploadAsync(slug, bytes, fileName, contentType)).ShouldBe(HttpStatusCode.Created);

    public static string Url(this JsonNode attachment) => attachment["url"]!.GetValue<string>();

    /// <summary>Every file under the attachments folder, temporary ones included.</summary>
    public static string[] FilesIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
}
