using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Portability.Pages;

/// <summary>Any signed-in person may import, as anyone may found a community; they become its steward.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue), DisableRequestSizeLimit]
public sealed class ImportModel(ImportCommunity import) : PageModel
{
    public string? Slug { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? archive, string? slug)
    {
        Slug = slug;
        if (archive is null || archive.Length == 0)
        {
            ModelState.AddModelError("Archive", "Choose the archive to import.");
            return Page();
        }
        await using var file = PortabilityApi.TemporaryFile();
        await using (var upload = archive.OpenReadStream()) await upload.CopyToAsync(file);
        file.Position = 0;
        var result = await import.HandleAsync(file, slug, User.UserId()!.Value);
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            return Page();
        }
        TempData["Flash"] = $"Imported: {result.Value!.Topics} topics, {result.Value.Posts} posts; {result.Value.Invitations} members invited to rejoin.";
        return Redirect(result.Value.Url);
    }
}
