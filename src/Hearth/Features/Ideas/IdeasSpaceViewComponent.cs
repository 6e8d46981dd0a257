using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Ideas;

public sealed record IdeasSpaceModel(CommunityAccess Community, SpaceView Space, string? Sort, string? Status)
{
    public string Url(string? sort, string? status)
    {
        var query = new List<string>();
        if (sort is not null) query.Add("sort=" + sort);
        if (status is not null) query.Add("status=" + status);
        return $"/c/{Community.Slug}/s/{Space.Slug}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    public string CurrentSort => IdeaSorts.TryParse(Sort, out var s) ? IdeaSorts.Wire(s) : IdeaSorts.Wire(IdeaSort.Latest);
}

/// <summary>An Ideas space page's sort and status links (no query); nothing for spaces of other kinds.</summary>
public sealed class IdeasSpaceViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(TopicListing listing, string? sort, string? status)
    {
        if (listing.Space is not { } space || !IdeaPermissions.IsIdea(space.Kind)) return Content("");
        return View("/Features/Ideas/Components/IdeasSpace.cshtml", new IdeasSpaceModel(listing.Community, space, sort, status));
    }
}
