using System.Text;
using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Events;

public static class EventsSetup
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventQueries>();
        services.AddSingleton<RsvpToEvent>();
        services.AddSingleton<EditEvent>();
        return services;
    }
}

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Events");

        community.MapGet("/events", async Task<Results<Ok<Page<EventSummary>>, ProblemHttpResult>> (
            string slug, string? when, string? space, string? cursor, int? limit, HttpContext http, EventQueries queries) =>
        {
            if (!TryWhen(when, out var which)) return BadRequest("'when' is upcoming or past.");
            if (!EventCursor.TryParse(cursor, out var after)) return BadRequest("The cursor is not valid.");
            var listing = await queries.ListAsync(slug, which, space, http.User.UserId(), after, limit);
            return listing.Ok ? TypedResults.Ok(listing.Value!.Events) : listing.ToProblem();
        }).WithSummary("A community's events (or one space's): upcoming (not yet ended) soonest first, or past latest first; keyset pagination on the start");

        community.MapGet("/events.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string slug, HttpContext http, EventQueries queries) =>
        {
            var calendar = await queries.CalendarAsync(slug, http.User.UserId());
            if (!calendar.Ok) return calendar.ToProblem();
            var (c, entries) = calendar.Value;
            return Calendar(http, ICalendar.Write(c.Name, entries, BaseUrl(http), http.Request.Host.Host));
        }).WithSummary("The community's events as an iCalendar (RFC 5545) feed: upcoming and those of the last year; members only unless the community is Public")
          .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        var topics = api.MapGroup("/topics/{id:long}").WithTags("Events");

        topics.MapPost("/rsvp", async Task<Results<Ok<RsvpResult>, ProblemHttpResult>> (long id, RsvpRequest request, HttpContext http, RsvpToEvent rsvp) =>
            (await rsvp.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Answer an event: Going (or Waitlisted when it is full), Maybe or NotGoing; a place given up goes to the first one waiting");

        topics.MapGet("/attendees", async Task<Results<Ok<AttendeesView>, ProblemHttpResult>> (long id, HttpContext http, EventQueries queries) =>
            await queries.AttendeesAsync(id, http.User.UserId()) is { } attendees ? TypedResults.Ok(attendees) : NoSuchEvent())
            .WithSummary("Who is going, maybe and waiting (in order), for those who may read the event; at most 1,000 names per list, exact counts");

        topics.MapPatch("/event", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, EventRequest? request, HttpContext http, EditEvent edit, TopicQueries queries) =>
        {
            var viewer = http.User.UserId()!.Value;
            var result = await edit.HandleAsync(id, request, viewer);
            return result.Ok ? TypedResults.Ok((await queries.TopicAsync(id, viewer))!) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
          .WithSummary("The organiser or a moderator replaces the event block (same fields and rules as when starting the topic); those who answered are told of a new time or place");

        topics.MapGet("/event.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (long id, HttpContext http, EventQueries queries) =>
        {
            if (await queries.CalendarEntryAsync(id, http.User.UserId()) is not { } entry) return NoSuchEvent();
            http.Response.Headers.ContentDisposition = $"inline; filename=\"event-{id}.ics\"";
            return Calendar(http, ICalendar.Write(entry.CommunityName, [entry], BaseUrl(http), http.Request.Host.Host));
        }).WithSummary("One event as an iCalendar (RFC 5545) file")
          .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        return api;
    }

    internal static bool TryWhen(string? when, out EventWhen which)
    {
        which = EventWhen.Upcoming;
        if (string.IsNullOrEmpty(when) || when.Equals("upcoming", StringComparison.OrdinalIgnoreCase)) return true;
        if (!when.Equals("past", StringComparison.OrdinalIgnoreCase)) return false;
        which = EventWhen.Past;
        return true;
    }

    internal static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static ContentHttpResult Calendar(HttpContext http, string ics)
    {
        // A calendar holds what the viewer may see; a shared cache must not hand a members' feed to someone else.
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Text(ics, ICalendar.ContentType, Encoding.UTF8);
    }

    private static ProblemHttpResult NoSuchEvent() => ResultHttp.Problem(Failure.NotFound, "No such event.", null);

    private static ProblemHttpResult BadRequest(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
}
