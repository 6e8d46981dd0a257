using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Discussions;

public sealed record CommunityTopicsModel(CommunityView Community, IReadOnlyList<SpaceView> Spaces, IReadOnlyList<TopicSummary> Latest)
{
    public bool IsSteward => Community.Viewer is { Role: "Steward", State: "Active" };
}

/// <summary>A community home's spaces and latest topics (only rendered for viewers who may read the content).</summary>
public sealed class CommunityTopicsViewComponent(TopicQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(CommunityView community)
    {
        // The page has decided already; this is a second lock on the door, not the only one.
        var mayRead = community.Visibility == nameof(Visibility.Public) || community.Viewer.State == nameof(MembershipState.Active);
        if (!mayRead) return Content("");
        var (spaces, latest) = await queries.HomeAsync(community.Id, UserClaimsPrincipal.UserId());
        return View("/Features/Discussions/Components/CommunityTopics.cshtml", new CommunityTopicsModel(community, spaces, latest));
    }
}
