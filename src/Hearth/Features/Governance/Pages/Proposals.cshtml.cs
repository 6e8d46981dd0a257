using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Governance.Pages;

/// <summary>A community's proposals and how it decides; for whoever may read the community's content.</summary>
public sealed class ProposalsModel(CommunityQueries communities, ProposalQueries proposals, GovernanceQueries governance) : PageModel
{
    public CommunityView Community { get; private set; } = new();
    public Hearth.Platform.Web.Page<ProposalView> Proposals { get; private set; } = Hearth.Platform.Web.Page.Of<ProposalView>([]);
    public GovernanceSettings Settings { get; private set; } = GovernanceSettings.Defaults;
    public bool IsMember => Community.Viewer.State == nameof(MembershipState.Active);
    public bool IsSteward => IsMember && Community.Viewer.Role == nameof(Role.Steward);

    public async Task<IActionResult> OnGetAsync(string slug, string? cursor)
    {
        if (await ProposalPages.ReadableAsync(communities, slug, User.UserId()) is not { } community) return NotFound();
        Community = community;
        if (await proposals.ListAsync(community.Id, User.UserId(), cursor, 30) is not { } page) return BadRequest();
        Proposals = page;
        Settings = await governance.SettingsAsync(community.Id);
        return Page();
    }
}

internal static class ProposalPages
{
    /// <summary>The community when the viewer may read its content (Public, or an active member); null answers 404.</summary>
    public static async Task<CommunityView?> ReadableAsync(CommunityQueries communities, string slug, long? viewer) =>
        await communities.GetAsync(slug, viewer) is { } c
        && (c.Visibility == nameof(Visibility.Public) || c.Viewer.State == nameof(MembershipState.Active)) ? c : null;

    public static string StateLabel(string state) => state switch
    {
        nameof(ProposalState.Gathering) => "Gathering support",
        nameof(ProposalState.Open) => "Voting",
        _ => state,
    };
}
