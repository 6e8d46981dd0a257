using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Health.Pages;

/// <summary>The dashboard for stewards and moderators; active members see a summary of the same snapshot.</summary>
public sealed class HealthModel(HealthQueries queries) : PageModel
{
    public HealthDashboard Dashboard { get; private set; } = null!;
    public HealthFigures Figures => Dashboard.Figures;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var result = await queries.GetAsync(slug, User.UserId(), summaryForMembers: true, HttpContext.RequestAborted);
        if (result.Failure == Failure.NotFound) return NotFound();
        if (!result.Ok) return User.UserId() is null ? Challenge() : StatusCode(StatusCodes.Status403Forbidden);
        Dashboard = result.Value!;
        return Page();
    }
}
