using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.People.Pages;

/// <summary>The signed-in member edits their own profile; the same use case as <c>PATCH /api/v1/me/profile</c>.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class EditProfileModel(PeopleQueries people, EditProfile edit) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Bio { get; set; }
    [BindProperty] public string? Skills { get; set; }
    [BindProperty] public string? Links { get; set; }
    public string UserName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var me = User.UserId()!.Value;
        var userName = User.Identity?.Name ?? "";
        if (await people.ProfileAsync(userName, me) is not { } profile || profile.Id != me) return NotFound();
        UserName = profile.UserName;
        DisplayName = profile.DisplayName;
        Bio = profile.Bio;
        Skills = string.Join(", ", profile.Skills);
        Links = string.Join("\n", profile.Links);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await edit.HandleAsync(User.UserId()!.Value, new EditProfileRequest(
            DisplayName ?? "", Bio ?? "", [.. People.Skills.Split(Skills)], [.. ProfileLinks.Split(Links)]));
        if (!result.Ok)
        {
            ModelState.AddProblem(result);
            UserName = User.Identity?.Name ?? "";
            return Page();
        }
        TempData["Flash"] = "Your profile is saved.";
        return Redirect($"/u/{result.Value!.UserName}");
    }
}
