using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Communities.Pages;

[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class NewModel(CreateCommunity create) : PageModel
{
    [BindProperty] public CommunityForm Form { get; set; } = new() { IsNew = true };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Form.IsNew = true;
        var result = await create.HandleAsync(new CreateCommunityRequest(
            Form.Name, Form.Slug, Form.Kind, Form.Domain, Form.Purpose, Form.Values, Form.Rules, Form.Visibility, Form.JoinPolicy), User.UserId()!.Value);
        if (!result.Ok)
        {
            ModelState.AddProblem(result, "Form.");
            return Page();
        }
        TempData["Flash"] = "Your community is ready. You are its steward.";
        return Redirect($"/c/{result.Value!.Slug}");
    }
}

/// <summary>The fields of the new-community and edit-community forms.</summary>
public sealed class CommunityForm
{
    public bool IsNew { get; set; }
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Kind { get; set; } = "Interest";
    public string? Domain { get; set; }
    public string? Purpose { get; set; }
    public string? Values { get; set; }
    public string? Rules { get; set; }
    public string? Visibility { get; set; } = "Public";
    public string? JoinPolicy { get; set; } = "Open";
}
