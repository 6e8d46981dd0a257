using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Announcements;

/// <summary>Short ways to arrange announcements through the API.</summary>
public static class AnnouncementSteps
{
    public static async Task<JsonNode> AddAnnouncementsAsync(this Member steward, string slug, string spaceSlug = "news", bool? allowReplies = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = "News", ["slug"] = spaceSlug, ["kind"] = "Announcements" };
        if (allowReplies is not null) body["allowReplies"] = allowReplies;
        return await (await steward.PostAsync($"/api/v1/communities/{slug}/spaces", body)).ShouldBe(HttpStatusCode.Created);
    }

    public static async Task MakeModeratorAsync(this Member steward, string slug, Member member) =>
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role = "Moderator" })).ShouldBe(HttpStatusCode.OK);

    public static async Task<JsonNode> PinAsync(this Member moderator, long topicId, bool pinned = true) =>
        await (await moderator.PostAsync($"/api/v1/topics/{topicId}/pin", new { pinned })).ShouldBe(HttpStatusCode.OK);

    public static async Task<int?> SeenCountAsync(this HttpClient client, long topicId) =>
        (await client.GetJsonAsync($"/api/v1/topics/{topicId}"))["seenCount"]?.GetValue<int>();

    /// <summary>Every page of a list, following its cursors.</summary>
    public static async Task<List<long>> AllTopicIdsAsync(this HttpClient client, string url, int limit)
    {
        var ids = new List<long>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync(url + (url.Contains('?') ? "&" : "?") + $"limit={limit}" + (next is null ? "" : $"&cursor={next}"));
            ids.AddRange(page["items"]!.AsArray().Select(t => t!.Id()));
            next = page["next"]?.GetValue<string>();
            Assert.True(++pages < 100, "The list never ends.");
        } while (next is not null);
        return ids;
    }
}
