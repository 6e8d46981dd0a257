using Hearth.Features.Communities;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Events;

public sealed record EventListModel(string Community, string Space, IReadOnlyList<EventSummary> Upcoming, bool MoreUpcoming, IReadOnlyList<EventSummary> Past, bool MorePast);

/// <summary>An Events space's page: its next events and its latest past ones, with links to the full lists and the feed.</summary>
public sealed class EventListViewComponent(EventQueries queries) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync(CommunityAccess community, string space)
    {
        // The page has decided already; this is a second lock on the door, not the only one.
        if (!CommunityPermissions.MayRead(community)) return Content("");
        var (upcoming, moreUpcoming, past, morePast) = await queries.SpaceOverviewAsync(community.Id, space, Shown);
        return View("/Features/Events/Components/EventList.cshtml", new EventListModel(community.Slug, space, upcoming, moreUpcoming, past, morePast));
    }
}
