using Dapper;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Notifications;

/// <summary>Exactly one target: a topic by id, a space by its community's slug and its own, or a community by slug.</summary>
public sealed record SubscriptionRequest(string? Community, string? Space, long? Topic, string? Level);

public sealed record SubscriptionView(string Scope, long TargetId, string Level);

/// <summary>
/// A member sets how closely they follow a community, a space or a topic. Only active members subscribe: a thing the
/// caller may not read is unknown (404); a public community's outsiders are told to join (403).
/// </summary>
public sealed class SetSubscription(Db db, TimeProvider clock)
{
    public async Task<Result<SubscriptionView>> HandleAsync(SubscriptionRequest request, long userId, CancellationToken ct = default)
    {
        var validation = new Validation();
        var level = request.Level?.Trim().ToLowerInvariant();
        validation.Check(level is "watch" or "track" or "normal" or "mute", "level", "Level must be watch, track, normal or mute.");
        var hasCommunity = !string.IsNullOrWhiteSpace(request.Community);
        var hasSpace = !string.IsNullOrWhiteSpace(request.Space);
        if (request.Topic is not null && (hasCommunity || hasSpace))
            validation.Add("topic", "Name a topic, a space or a community, not several.");
        else if (request.Topic is null && !hasCommunity)
            validation.Add("community", hasSpace ? "A space is named with its community." : "Name a topic, a space or a community.");
        if (validation.Problem is { } invalid) return invalid;

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        string scope;
        long targetId;
        CommunityAccess? access;
        if (request.Topic is { } topicId)
        {
            var topic = await TopicQueries.HeaderAsync(connection, topicId, userId, tx);
            access = topic?.Access;
            if (access is null || !CommunityPermissions.MaySeeExistence(access) || !CommunityPermissions.MayRead(access)) return Problem.NotFound("No such topic.");
            (scope, targetId) = (SubscriptionScopes.Topic, topicId);
        }
        else
        {
            access = await CommunityAccessQuery.BySlugAsync(connection, request.Community!.Trim(), userId, tx);
            if (access is null || !CommunityPermissions.MaySeeExistence(access) || !CommunityPermissions.MayRead(access)) return Problem.NotFound("No such community.");
            if (hasSpace)
            {
                var spaceId = await connection.ExecuteScalarAsync<long?>(
                    "SELECT id FROM spaces WHERE community_id = @CommunityId AND slug = @Slug",
                    new { CommunityId = access.Id, Slug = request.Space!.Trim().ToLowerInvariant() }, tx);
                if (spaceId is null) return Problem.NotFound("No such space.");
                (scope, targetId) = (SubscriptionScopes.Space, spaceId.Value);
            }
            else (scope, targetId) = (SubscriptionScopes.Community, access.Id);
        }
        if (!access.IsActiveMember) return Problem.Forbidden("Only members follow what happens here: join the community first.");

        var parsed = Subscriptions.Parse(level);
        await Subscriptions.SetAsync(connection, tx, userId, scope, targetId, parsed, clock.GetUtcNow().UtcDateTime);
        await tx.CommitAsync(ct);
        return new SubscriptionView(scope, targetId, Subscriptions.Name(parsed));
    }
}
