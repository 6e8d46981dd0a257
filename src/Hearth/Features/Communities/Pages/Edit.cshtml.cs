using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Communities.Pages;

[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class EditModel(CommunityQueries queries, EditCommunity edit) : PageModel
{
    [BindProperty] public CommunityForm Form { get; set; } = new();
    public CommunityView Community { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        Form = new CommunityForm
        {
            Name = Community.Name,
            Domain = Community.Domain,
            Purpose = Community.Purpose,
            Values = Community.Values,
            Rules = Community.Rules,
            Visibility = Community.Visibility,
            JoinPolicy = Community.JoinPolicy,
            Kind = Community.Kind,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        var result = await edit.HandleAsync(slug, new EditCommunityRequest(
            Form.Name ?? "", Form.Domain, Form.Purpose ?? "", Form.Values ?? "", Form.Rules ?? "", Form.Visibility, Form.JoinPolicy), User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure is Failure.NotFound or Failure.Forbidden) return NotFound();
            ModelState.AddProblem(result, "Form.");
            return Page();
        }
        TempData["Flash"] = result.Value > Community.RulesVersion ? $"Saved as charter version {result.Value}." : "Saved.";
        return Redirect($"/c/{slug}");
    }

    /// <summary>Only stewards reach the form; anyone else is told there is nothing here.</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await queries.GetAsync(slug, User.UserId()) is not { } community
            || community.Viewer is not { Role: "Steward", State: "Active" }) return NotFound();
        Community = community;
        return null;
    }
}
