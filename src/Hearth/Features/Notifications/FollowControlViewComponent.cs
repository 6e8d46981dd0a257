using Dapper;
using Hearth.Features.Accounts;
using Hearth.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Notifications;

public sealed record FollowControl(string? Community, string? Space, long? Topic, string Level, string ReturnUrl);

/// <summary>
/// The watch / track / normal / mute control on a topic, space or community page, for active members only (one small
/// query, none for anonymous readers). It posts to /subscribe and works without JavaScript.
/// </summary>
public sealed class FollowControlViewComponent(Db db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? community, string? space, long? topic, string returnUrl)
    {
        if (UserClaimsPrincipal.UserId() is not { } userId) return Content("");
        await using var connection = await db.OpenAsync();
        var row = topic is { } topicId
            ? await connection.QuerySingleOrDefaultAsync<Row>("""
                SELECT m.state, sub.level FROM topics t
                JOIN memberships m ON m.community_id = t.community_id AND m.user_id = @UserId
                LEFT JOIN subscriptions sub ON sub.user_id = @UserId AND sub.scope = 'topic' AND sub.target_id = t.id
                WHERE t.id = @TopicId
                """, new { UserId = userId, TopicId = topicId })
            : await connection.QuerySingleOrDefaultAsync<Row>("""
                SELECT m.state, sub.level FROM communities c
                JOIN memberships m ON m.community_id = c.id AND m.user_id = @UserId
                LEFT JOIN spaces sp ON sp.community_id = c.id AND sp.slug = @Space
                LEFT JOIN subscriptions sub ON sub.user_id = @UserId AND sub.scope = @Scope
                    AND sub.target_id = CASE WHEN @Scope = 'space' THEN sp.id ELSE c.id END
                WHERE c.slug = @Community
                """, new { UserId = userId, Community = community, Space = space ?? "", Scope = space is null ? "community" : "space" });
        if (row?.State != "Active") return Content("");
        return View("/Features/Notifications/Components/FollowControl.cshtml",
            new FollowControl(topic is null ? community : null, topic is null ? space : null, topic, row.Level ?? "normal", returnUrl));
    }

    private sealed record Row
    {
        public string? State { get; init; }
        public string? Level { get; init; }
    }
}
