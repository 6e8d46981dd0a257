using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hearth.Tests.Infrastructure;

/// <summary>A member as a script sees Hearth: an HTTP client carrying that member's bearer token.</summary>
public sealed class Member(HttpClient http, long id, string userName, string token)
{
    public HttpClient Http { get; } = http;
    public long Id { get; } = id;
    public string UserName { get; } = userName;
    public string Token { get; } = token;
    public string Email => $"{UserName}@example.test";

    public Task<HttpResponseMessage> PostAsync(string url, object body) => Http.PostAsJsonAsync(url, body);
    public Task<HttpResponseMessage> PatchAsync(string url, object body) => Http.PatchAsJsonAsync(url, body);
    public Task<HttpResponseMessage> PutAsync(string url, object body) => Http.PutAsJsonAsync(url, body);
    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<JsonNode> GetJsonAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return await response.ShouldBe(HttpStatusCode.OK);
    }
}

public static class Api
{
    private static int _sequence;

    /// <summary>A unique, valid user name for this test run.</summary>
    public static string UniqueName(string prefix = "user") =>
        $"{prefix}{Interlocked.Increment(ref _sequence)}_{Guid.NewGuid().ToString("n")[..6]}";

    /// <summary>Registers a fresh account and signs it in with a personal access token.</summary>
    public static async Task<Member> NewMemberAsync(this HearthApp app, string prefix = "user")
    {
        var client = app.CreateClient();
        var userName = UniqueName(prefix);
        var registered = await (await client.PostAsJsonAsync("/api/v1/users",
            new { userName, email = $"{userName}@example.test", password = "correct horse battery" })).ShouldBe(HttpStatusCode.Created);
        var issued = await (await client.PostAsJsonAsync("/api/v1/tokens",
            new { userNameOrEmail = userName, password = "correct horse battery", name = "tests" })).ShouldBe(HttpStatusCode.Created);
        var token = issued["token"]!.GetValue<string>();
        var authed = app.CreateClient();
        authed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Member(authed, registered["id"]!.GetValue<long>(), userName, token);
    }

    /// <summary>Founds a community with sensible defaults; <paramref name="with"/> overrides fields.</summary>
    public static async Task<string> NewCommunityAsync(this Member steward, Action<Dictionary<string, object?>>? with = null)
    {
        var slug = "c" + Guid.NewGuid().ToString("n")[..10];
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Community " + slug,
            ["slug"] = slug,
            ["kind"] = "Interest",
            ["purpose"] = "To share what we **know**.",
            ["values"] = "Kindness and curiosity.",
            ["rules"] = "1. Be kind.",
            ["visibility"] = "Public",
            ["joinPolicy"] = "Open",
        };
        with?.Invoke(body);
        var created = await (await steward.PostAsync("/api/v1/communities", body)).ShouldBe(HttpStatusCode.Created);
        return created["slug"]!.GetValue<string>();
    }

    /// <summary>Asserts the status and returns the JSON body (or an empty object when there is none).</summary>
    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }

    /// <summary>Asserts a problem-details failure with the given status; returns the problem body.</summary>
    public static async Task<JsonNode> ShouldFail(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.ShouldBe(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(body["title"]?.GetValue<string>()), "A problem needs a title.");
        return body;
    }

    public static string[] Strings(this JsonNode? array) =>
        array is JsonArray a ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n!.ToJsonString())] : [];

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

public static class MembershipSteps
{
    /// <summary>The member joins by their own action, accepting the community's current rules version.</summary>
    public static async Task<string> JoinAsync(this Member member, string slug)
    {
        var community = await member.GetJsonAsync($"/api/v1/communities/{slug}");
        var joined = await (await member.PostAsync($"/api/v1/communities/{slug}/join",
            new { acceptRulesVersion = community["rulesVersion"]!.GetValue<int>() })).ShouldBe(System.Net.HttpStatusCode.OK);
        return joined["state"]!.GetValue<string>();
    }
}
