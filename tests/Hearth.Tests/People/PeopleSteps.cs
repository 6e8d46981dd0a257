using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.People;

/// <summary>Short ways to arrange profiles, follows, blocks and endorsements through the API, as a script would.</summary>
public static class PeopleSteps
{
    public static Task<HttpResponseMessage> EditProfileAsync(this Member member, object body) =>
        member.PatchAsync("/api/v1/me/profile", body);

    public static async Task<JsonNode> EditProfileOkAsync(this Member member, object body) =>
        await (await member.EditProfileAsync(body)).ShouldBe(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> FollowAsync(this Member member, Member other) =>
        member.Http.PutAsync($"/api/v1/users/{other.UserName}/follow", null);

    public static Task<HttpResponseMessage> UnfollowAsync(this Member member, Member other) =>
        member.Http.DeleteAsync($"/api/v1/users/{other.UserName}/follow");

    public static async Task BlockAsync(this Member member, Member other) =>
        await (await member.Http.PutAsync($"/api/v1/users/{other.UserName}/block", null)).ShouldBe(HttpStatusCode.OK);

    public static async Task UnblockAsync(this Member member, Member other) =>
        await (await member.Http.DeleteAsync($"/api/v1/users/{other.UserName}/block")).ShouldBe(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> EndorseAsync(this Member member, string slug, Member other, string skill) =>
        member.Http.PutAsync($"/api/v1/communities/{slug}/members/{other.UserName}/endorsements/{skill}", null);

    public static Task<HttpResponseMessage> WithdrawAsync(this Member member, string slug, Member other, string skill) =>
        member.Http.DeleteAsync($"/api/v1/communities/{slug}/members/{other.UserName}/endorsements/{skill}");

    /// <summary>A community of practice (Public and Open unless <paramref name="with"/> says otherwise) with a Questions space 'help'.</summary>
    public static Task<string> NewPracticeAsync(this Member steward, Action<Dictionary<string, object?>>? with = null) =>
        Questions.QuestionSteps.NewQuestionsCommunityAsync(steward, body =>
        {
            body["kind"] = "Practice";
            body["domain"] = "Baking";
            with?.Invoke(body);
        });

    public static JsonNode[] Items(this JsonNode page) => [.. page["items"]!.AsArray().Select(n => n!)];

    public static string[] UserNames(this JsonNode page) => [.. page.Items().Select(i => i["userName"]!.GetValue<string>())];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
