using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Governance.Pages;

/// <summary>The stewards' page: how the community decides, and the steward changes waiting for a second steward.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class SettingsModel(CommunityQueries communities, GovernanceQueries governance, ChangeGovernanceSettings change, DecideStewardChange decide) : PageModel
{
    [BindProperty] public SettingsForm Form { get; set; } = new();
    public CommunityView Community { get; private set; } = new();
    public IReadOnlyList<StewardChangeView> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        var s = await governance.SettingsAsync(Community.Id);
        Form = new SettingsForm
        {
            VotingDays = s.VotingDays,
            QuorumPercent = s.QuorumPercent,
            ThresholdPercent = s.ThresholdPercent,
            SupportNeeded = s.SupportNeeded,
            StewardConfirmation = s.StewardConfirmation,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        // An emptied number field is a mistake to show, not "leave as it was".
        foreach (var (key, value) in new[] { ("VotingDays", Form.VotingDays), ("QuorumPercent", Form.QuorumPercent), ("ThresholdPercent", Form.ThresholdPercent), ("SupportNeeded", Form.SupportNeeded) })
            if (value is null && !ModelState.ContainsKey("Form." + key)) ModelState.AddModelError("Form." + key, "Give a whole number.");
        if (!ModelState.IsValid) return Page();
        var result = await change.HandleAsync(slug, new GovernanceSettingsRequest(Form.VotingDays, Form.QuorumPercent, Form.ThresholdPercent, Form.SupportNeeded,
            Form.StewardConfirmation), User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure is Failure.NotFound or Failure.Forbidden) return NotFound();
            ModelState.AddProblem(result, "Form.");
            return Page();
        }
        TempData["Flash"] = "Governance settings saved.";
        return Redirect($"/c/{Community.Slug}/governance");
    }

    public Task<IActionResult> OnPostConfirmAsync(string slug, long id) => DecideAsync(slug, id, StewardDecision.Confirm);

    public Task<IActionResult> OnPostDeclineAsync(string slug, long id) => DecideAsync(slug, id, StewardDecision.Decline);

    private async Task<IActionResult> DecideAsync(string slug, long id, StewardDecision decision)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        var result = await decide.HandleAsync(slug, id, decision, User.UserId()!.Value);
        if (result.Failure is Failure.NotFound) return NotFound();
        TempData["Flash"] = !result.Ok ? result.Message
            : decision == StewardDecision.Confirm ? $"Confirmed: {result.Value!.UserName} is now a {result.Value.ToRole.ToLowerInvariant()}."
            : $"Declined: {result.Value!.UserName} stays a {result.Value.FromRole.ToLowerInvariant()}.";
        return Redirect($"/c/{Community.Slug}/governance#steward-changes");
    }

    /// <summary>Stewards only; anyone else is told there is nothing here.</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await communities.GetAsync(slug, User.UserId()) is not { } community
            || community.Viewer is not { Role: "Steward", State: "Active" }) return NotFound();
        Community = community;
        Pending = await governance.PendingStewardChangesAsync(community.Id);
        return null;
    }
}
