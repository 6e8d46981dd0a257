using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Hearth.Features.Attachments.Pages;

/// <summary>
/// Sends an attachment to someone who may see it (404 to everyone else) with headers that keep it from ever running as
/// a page of this site: its type from the allow-list and no sniffing, inline only for images and otherwise a download,
/// a sandboxing policy should it be opened anyway, and no caching by shared caches.
/// </summary>
public sealed class FileModel(AttachmentQueries queries, AttachmentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await queries.ForViewerAsync(id, User.UserId(), HttpContext.RequestAborted) is not { } file) return NotFound();
        if (AttachmentTypes.ByContentType(file.ContentType) is not { } kind) return NotFound();
        var path = store.PathOf(file.Id);
        if (!System.IO.File.Exists(path)) return NotFound();

        var headers = Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        headers.CacheControl = "private, max-age=3600";
        var disposition = new ContentDispositionHeaderValue(kind.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        var contentType = kind == AttachmentTypes.Text ? "text/plain; charset=utf-8" : kind.ContentType;
        return PhysicalFile(path, contentType);
    }
}
