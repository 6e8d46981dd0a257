using Hearth.Features.Communities;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Discussions;

/// <summary>A community home's spaces and latest topics (only rendered for viewers who may read the content).</summary>
public sealed class CommunityTopicsViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(CommunityView community) =>
        View("/Features/Discussions/Components/CommunityTopics.cshtml", community);
}
