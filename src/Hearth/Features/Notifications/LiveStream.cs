using System.Globalization;
using System.Text.Json;
using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Live;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Notifications;

/// <summary>
/// <c>GET /api/v1/live</c>: server-sent events for the signed-in caller. Always: "notifications" with the unread count
/// when it changes. With <c>?topic=ID</c>: "post" for each new reply in that topic. With <c>?community=slug</c>
/// (and <c>&amp;space=slug</c>): "topic" for each new topic there, for a list's "n new topics". What the caller may not
/// read answers 404 before the stream starts, and access is checked again while it runs, so someone who leaves or is
/// removed stops hearing at once. Events carry ids only; content is fetched through the ordinary routes.
/// </summary>
public sealed class LiveStream(Db db, LiveBus bus, NotificationQueries notifications, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private sealed record Scope(long? TopicId, long? CommunityId, long? SpaceId);

    public async Task<IResult> RunAsync(HttpContext http, long userId, long? topic, string? community, string? space)
    {
        // A stream ends when the client goes or the app stops: an open stream must not hold up a shutdown.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = linked.Token;
        var scope = await ScopeAsync(userId, topic, community, space, ct);
        if (scope is null) return TypedResults.Problem(title: "No such topic or community.", statusCode: StatusCodes.Status404NotFound);

        // Subscribed before the first count is read, so nothing that happens in between is missed.
        using var subscription = bus.Subscribe();
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await WriteAsync(response, "notifications", new { unread = await notifications.UnreadCountAsync(userId, ct) }, ct);

        var checkedAt = DateTime.UtcNow;
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(heartbeat);
                LiveEvent e;
                try
                {
                    e = await subscription.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await response.WriteAsync(": ping\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }
                if (e.Type == "notification")
                {
                    if (e.UserId == userId)
                        await WriteAsync(response, "notifications", new { unread = await notifications.UnreadCountAsync(userId, ct) }, ct);
                    continue;
                }
                var forMe = e.ActorId != userId && (
                    (e.Type == "post" && scope.TopicId is { } t && e.TopicId == t) ||
                    (e.Type == "topic" && scope.CommunityId is { } c && e.CommunityId == c && (scope.SpaceId is null || e.SpaceId == scope.SpaceId)));
                if (!forMe) continue;
                if (DateTime.UtcNow - checkedAt > Recheck)
                {
                    if (await ScopeAsync(userId, topic, community, space, ct) is null) break;
                    checkedAt = DateTime.UtcNow;
                }
                if (e.Type == "post") await WriteAsync(response, "post", new { topicId = e.TopicId, postNumber = e.PostNumber }, ct);
                else await WriteAsync(response, "topic", new { topicId = e.TopicId, spaceId = e.SpaceId }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
        }
        return TypedResults.Empty;
    }

    private async Task<Scope?> ScopeAsync(long userId, long? topic, string? community, string? space, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        long? topicId = null, communityId = null, spaceId = null;
        if (topic is { } t)
        {
            var header = await TopicQueries.HeaderAsync(connection, t, userId);
            if (header is null || !TopicPermissions.MayRead(header.Access)) return null;
            topicId = t;
        }
        if (!string.IsNullOrWhiteSpace(community))
        {
            var c = await CommunityAccessQuery.BySlugAsync(connection, community, userId);
            if (c is null || !CommunityPermissions.MaySeeExistence(c) || !CommunityPermissions.MayRead(c)) return null;
            communityId = c.Id;
            if (!string.IsNullOrWhiteSpace(space))
            {
                spaceId = await connection.ExecuteScalarAsync<long?>(
                    "SELECT id FROM spaces WHERE community_id = @CommunityId AND slug = @Slug", new { CommunityId = c.Id, Slug = space.Trim().ToLowerInvariant() });
                if (spaceId is null) return null;
            }
        }
        return new Scope(topicId, communityId, spaceId);
    }

    private static async Task WriteAsync(HttpResponse response, string type, object data, CancellationToken ct)
    {
        await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"event: {type}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n"), ct);
        await response.Body.FlushAsync(ct);
    }
}
