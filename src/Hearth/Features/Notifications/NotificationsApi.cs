using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Notifications;

public sealed record MarkReadRequest(IReadOnlyList<long>? Ids);

public sealed record MarkReadResult(int Marked, int Unread);

public static class NotificationsApi
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) =>
        services.AddSingleton<NotificationQueries>();

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();

        notifications.MapGet("/", async Task<Results<Ok<Page<NotificationView>>, ProblemHttpResult>> (
            string? cursor, int? limit, bool? unread, HttpContext http, NotificationQueries queries) =>
            await queries.ListAsync(http.User.UserId()!.Value, cursor, limit, unread ?? false) is { } page
                ? TypedResults.Ok(page)
                : TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest))
            .WithSummary("The caller's notifications, newest first");

        notifications.MapPost("/read", async (MarkReadRequest? request, HttpContext http, NotificationQueries queries) =>
        {
            var userId = http.User.UserId()!.Value;
            var marked = await queries.MarkReadAsync(userId, request?.Ids);
            return TypedResults.Ok(new MarkReadResult(marked, await queries.UnreadCountAsync(userId)));
        }).RequireRateLimiting(RateLimits.Writes).WithSummary("Mark the given notifications (or all) as read");

        return api;
    }
}
