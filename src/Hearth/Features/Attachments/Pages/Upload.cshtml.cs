using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Attachments.Pages;

/// <summary>
/// The upload form of the topic and space pages posts here (multipart, no JavaScript needed). A good upload goes back
/// to that page with the Markdown snippet to paste; a refused one is explained here, with the form to try again.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class UploadModel(UploadAttachment upload, IOptions<AttachmentOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Community { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(Name = "File")] public IFormFile? Chosen { get; set; }

    public AttachmentView? Uploaded { get; private set; }
    public string Accepted => AttachmentTypes.Describe(options.Value.Allowed);
    public string MaxSize => options.Value.MaxSize;
    public string? BackUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public IActionResult OnGet() => User.UserId() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await upload.HandleAsync(UploadRequest.From(Community, Chosen), me, HttpContext.RequestAborted);
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Ok)
        {
            if (BackUrl is { } back)
            {
                TempData[UploadFormModel.UploadedMarkdown] = result.Value!.Markdown;
                TempData[UploadFormModel.UploadedName] = result.Value.FileName;
                var hash = back.IndexOf('#', StringComparison.Ordinal);
                return Redirect((hash < 0 ? back : back[..hash]) + "#upload");
            }
            Uploaded = result.Value;
            return Page();
        }
        ModelState.AddProblem(result);
        Response.StatusCode = Chosen is not null && upload.TooLarge(Chosen.Length)
            ? StatusCodes.Status413PayloadTooLarge
            : ResultHttp.StatusOf(result.Failure);
        return Page();
    }
}
