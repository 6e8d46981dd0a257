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

/// <summary>
/// A member proposes a change. The form holds the charter as it stands; only the fields the member edits become
/// part of the proposal, so "what changes" is exactly what they touched.
/// </summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class NewProposalModel(CommunityQueries communities, OpenProposal open) : PageModel
{
    [BindProperty] public ProposalForm Form { get; set; } = new();
    public CommunityView Community { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        Form = new ProposalForm
        {
            Purpose = Community.Purpose,
            Values = Community.Values,
            Rules = Community.Rules,
            Visibility = Community.Visibility,
            JoinPolicy = Community.JoinPolicy,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        var c = Community;
        // Browsers send textareas with CRLF line endings (and a charter saved from a form may hold them): compare the text, not the line ends.
        static string Text(string? s) => (s ?? "").ReplaceLineEndings("\n").Trim();
        var change = new ProposalChange(
            Text(Form.Purpose) == Text(c.Purpose) ? null : Text(Form.Purpose),
            Text(Form.Values) == Text(c.Values) ? null : Text(Form.Values),
            Text(Form.Rules) == Text(c.Rules) ? null : Text(Form.Rules),
            string.IsNullOrEmpty(Form.Visibility) || Form.Visibility == c.Visibility ? null : Form.Visibility,
            string.IsNullOrEmpty(Form.JoinPolicy) || Form.JoinPolicy == c.JoinPolicy ? null : Form.JoinPolicy);
        var result = await open.HandleAsync(slug, new OpenProposalRequest(Form.Title, change), User.UserId()!.Value);
        if (!result.Ok)
        {
            if (result.Failure is Failure.NotFound or Failure.Forbidden) return NotFound();
            ModelState.AddProblem(result, "Form.");
            return Page();
        }
        TempData["Flash"] = result.Value!.State == nameof(ProposalState.Open)
            ? "Your proposal is open for a vote."
            : $"Your proposal is saved; it goes to a vote once {result.Value.SupportNeeded} {(result.Value.SupportNeeded == 1 ? "member supports" : "members support")} it.";
        return Redirect(result.Value.Url);
    }

    /// <summary>Active members propose; anyone else finds nothing here.</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await communities.GetAsync(slug, User.UserId()) is not { } community
            || community.Viewer.State != nameof(MembershipState.Active)) return NotFound();
        Community = community;
        return null;
    }
}
