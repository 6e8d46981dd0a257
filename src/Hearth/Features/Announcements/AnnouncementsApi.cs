using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Announcements;

public static class AnnouncementsApi
{
    public static RouteGroupBuilder MapAnnouncementsApi(this RouteGroupBuilder api)
    {
        api.MapPatch("/communities/{slug}/spaces/{space}", async Task<Results<Ok<SpaceView>, ProblemHttpResult>> (
            string slug, string space, EditSpaceRequest request, HttpContext http, EditSpace edit) =>
            (await edit.HandleAsync(slug, space, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Discussions")
            .WithSummary("Stewards change a space: name, description, whoCanStart (Members|Moderators), allowReplies");

        api.MapPost("/topics/{id:long}/pin", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, PinRequest request, HttpContext http, PinTopic pin, TopicQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await pin.HandleAsync(id, request, viewer);
            if (!result.Ok) return result.ToProblem();
            return await queries.TopicAsync(id, viewer) is { } topic
                ? TypedResults.Ok(topic)
                : ResultHttp.Problem(Failure.NotFound, "No such topic.", null);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Announcements")
          .WithSummary("Moderators and stewards pin {pinned: true} or unpin {pinned: false} a topic; pinned topics list first in their space");

        return api;
    }
}
