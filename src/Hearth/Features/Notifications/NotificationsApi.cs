using Hearth.Features.Accounts;
using Hearth.Platform.Email;
using Hearth.Platform.Live;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Notifications;

public sealed record MarkReadRequest(IReadOnlyList<long>? Ids);

public sealed record MarkReadResult(int Marked, int Unread);

public static class NotificationsApi
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<SetSubscription>();
        services.AddSingleton<EmailPreferences>();
        services.AddSingleton<LiveBus>();
        services.AddSingleton<LiveStream>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddOptions<SmtpOptions>().BindConfiguration("Hearth:Smtp");
        services.AddOptions<EmailOptions>().BindConfiguration("Hearth:Email");
        services.AddOptions<LiveOptions>().BindConfiguration("Hearth:Live");
        services.AddOptions<SchedulerOptions>().BindConfiguration("Hearth:Scheduler");
        services.AddSingleton<LiveListener>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveListener>());
        services.AddSingleton<EmailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
        services.AddSingleton<Scheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        return services;
    }

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();

        notifications.MapGet("/", async Task<Results<Ok<Page<NotificationView>>, ProblemHttpResult>> (
            string? cursor, int? limit, bool? unread, HttpContext http, NotificationQueries queries) =>
            await queries.ListAsync(http.User.UserId()!.Value, cursor, limit, unread ?? false) is { } page
                ? TypedResults.Ok(page)
                : TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest))
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first");

        notifications.MapPost("/read", async (MarkReadRequest? request, HttpContext http, NotificationQueries queries) =>
        {
            var userId = http.User.UserId()!.Value;
            var marked = await queries.MarkReadAsync(userId, request?.Ids);
            return TypedResults.Ok(new MarkReadResult(marked, await queries.UnreadCountAsync(userId)));
        }).RequireRateLimiting(RateLimits.Writes).WithName("MarkNotificationsRead").WithSummary("Mark the given notifications (or all) as read");

        api.MapPut("/subscriptions", async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> (
            SubscriptionRequest request, HttpContext http, SetSubscription set) =>
            (await set.HandleAsync(request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Notifications").WithName("SetSubscription")
            .WithSummary("Follow a topic {topic: id}, a space {community: slug, space: slug} or a community {community: slug} at level watch, track, normal or mute");

        api.MapGet("/me/email-preferences", async (HttpContext http, EmailPreferences preferences) =>
            TypedResults.Ok(await preferences.GetAsync(http.User.UserId()!.Value)))
            .RequireAuthorization().WithTags("Notifications").WithName("GetEmailPreferences")
            .WithSummary("The caller's e-mail settings: notification e-mails on or off, digest none, daily or weekly");

        api.MapPut("/me/email-preferences", async Task<Results<Ok<EmailPreferencesView>, ProblemHttpResult>> (
            EmailPreferencesRequest request, HttpContext http, EmailPreferences preferences) =>
            (await preferences.SetAsync(http.User.UserId()!.Value, request)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Notifications").WithName("SetEmailPreferences")
            .WithSummary("Change the caller's e-mail settings {emailNotifications?, digest?}");

        api.MapGet("/live", async (long? topic, string? community, string? space, HttpContext http, LiveStream stream) =>
            await stream.RunAsync(http, http.User.UserId()!.Value, topic, community, space))
            .RequireAuthorization().WithTags("Notifications").WithName("LiveEvents")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-sent events for the caller: notifications (unread count), post (?topic=ID), topic (?community=slug&space=slug)");

        return api;
    }
}
