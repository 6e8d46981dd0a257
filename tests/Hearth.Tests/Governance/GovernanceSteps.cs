using System.Net;
using System.Text.Json.Nodes;
using Hearth.Features.Governance;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Governance;

/// <summary>Short ways to arrange governance through the API, as a script would.</summary>
public static class GovernanceSteps
{
    public static Task<HttpResponseMessage> ProposeAsync(this Member member, string slug, object change, string title = "Sharpen our purpose") =>
        member.PostAsync($"/api/v1/communities/{slug}/proposals", new { title, change });

    public static async Task<JsonNode> ProposeOkAsync(this Member member, string slug, object change, string title = "Sharpen our purpose") =>
        await (await member.ProposeAsync(slug, change, title)).ShouldBe(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> VoteAsync(this Member member, long proposalId, string vote) =>
        member.PostAsync($"/api/v1/proposals/{proposalId}/vote", new { vote });

    public static async Task<JsonNode> VoteOkAsync(this Member member, long proposalId, string vote) =>
        await (await member.VoteAsync(proposalId, vote)).ShouldBe(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> SupportAsync(this Member member, long proposalId) =>
        member.PostAsync($"/api/v1/proposals/{proposalId}/support", new { });

    public static async Task<JsonNode> SetGovernanceAsync(this Member steward, string slug, object settings) =>
        await (await steward.PutAsync($"/api/v1/communities/{slug}/governance", settings)).ShouldBe(HttpStatusCode.OK);

    /// <summary>Members who joined by their own action.</summary>
    public static async Task<Member[]> MembersOfAsync(this HearthApp app, string slug, int count, string prefix = "member")
    {
        var members = new Member[count];
        for (var i = 0; i < count; i++)
        {
            members[i] = await app.NewMemberAsync(prefix);
            await members[i].JoinAsync(slug);
        }
        return members;
    }

    /// <summary>Moves the proposal's end into the past and runs the closing pass, as the scheduler would after the period.</summary>
    public static async Task<int> EndVotingAsync(this HearthApp app, long proposalId)
    {
        await app.ScalarAsync("UPDATE proposals SET ends_at = @At WHERE id = @Id", new { At = DateTime.UtcNow.AddMinutes(-1), Id = proposalId });
        return await app.Services.GetRequiredService<CloseProposals>().RunOnceAsync();
    }

    public static async Task<string[]> NotificationKindsAsync(this Member member) =>
        [.. (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>())];

    public static async Task<JsonNode?> NotificationAsync(this Member member, string kind) =>
        (await member.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().FirstOrDefault(n => n!["kind"]!.GetValue<string>() == kind);
}
