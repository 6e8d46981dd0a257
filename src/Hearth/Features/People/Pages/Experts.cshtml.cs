using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.People.Pages;

/// <summary>
/// "Who knows X" in a community of practice: members ranked for one skill, each score shown with its parts, and
/// endorse buttons for the community's active members.
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ExpertsModel(CommunityAccessQuery access, PeopleQueries people, EndorseMember endorse) : PageModel
{
    public const int PageSize = 30;

    public CommunityAccess Community { get; private set; } = new();
    public string Skill { get; private set; } = "";
    public bool SkillInvalid { get; private set; }
    public Page<Expert> Experts { get; private set; } = Hearth.Platform.Web.Page.Of<Expert>([]);
    public IReadOnlyList<string> CommonSkills { get; private set; } = [];
    public long? Viewer => User.UserId();
    public bool MayEndorse => Community.IsActiveMember && Community.Status == "Active";

    public async Task<IActionResult> OnGetAsync(string slug, string? skill, string? cursor)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        if (!string.IsNullOrWhiteSpace(skill))
        {
            Skill = Skills.Normalise(skill);
            if (!Skills.IsValid(Skill))
            {
                SkillInvalid = true;
                return Page();
            }
            var experts = await people.ExpertsAsync(Community, Skill, Viewer, cursor, PageSize);
            if (!experts.Ok) return BadRequest();
            Experts = experts.Value!;
        }
        return Page();
    }

    public Task<IActionResult> OnPostEndorseAsync(string slug, string? userName, string? skill) => EndorseAsync(slug, userName, skill, true);

    public Task<IActionResult> OnPostWithdrawAsync(string slug, string? userName, string? skill) => EndorseAsync(slug, userName, skill, false);

    private async Task<IActionResult> EndorseAsync(string slug, string? userName, string? skill, bool yes)
    {
        if (Viewer is not { } me) return Challenge();
        var result = await endorse.HandleAsync(slug, userName ?? "", skill ?? "", me, yes);
        if (result.Failure == Platform.Results.Failure.NotFound && await LoadAsync(slug) is { } missing) return missing;
        TempData["Flash"] = result.Ok
            ? (yes ? $"You endorse {result.Value!.UserName} for {result.Value.Skill}." : $"You no longer endorse {result.Value!.UserName} for {result.Value.Skill}.")
            : Questions.Refusals.Describe(result);
        return Redirect($"/c/{slug}/experts?skill={Uri.EscapeDataString(Skills.Normalise(skill))}");
    }

    /// <summary>Hidden communities stay unknown; a community of another kind has no directory (404 on the page too).</summary>
    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (await access.BySlugAsync(slug, Viewer) is not { } c || !PeoplePermissions.MaySeeExperts(c) || !PeoplePermissions.HasExpertise(c)) return NotFound();
        Community = c;
        CommonSkills = await people.CommonSkillsAsync(c.Id);
        return null;
    }
}
