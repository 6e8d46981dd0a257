using Hearth.Features.Communities;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Membership;

/// <summary>The viewer's membership box on a community's home page: join, request, pending, leave.</summary>
public sealed class MembershipActionsViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(CommunityView community) =>
        View("/Features/Membership/Components/MembershipActions.cshtml", community);
}
