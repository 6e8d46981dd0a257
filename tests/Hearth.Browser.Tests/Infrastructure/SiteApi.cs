using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hearth.Browser.Tests.Infrastructure;

/// <summary>
/// Arranging through the JSON API, as a script would (a bearer token, no browser): quicker than the UI
/// for what a flow only needs to exist.
/// </summary>
public sealed class SiteApi(HttpClient http, string userName) : IDisposable
{
    public string UserName { get; } = userName;

    public static async Task<SiteApi> RegisterAsync(HearthSite site, string prefix = "scripted")
    {
        var userName = Names.Unique(prefix);
        using var anonymous = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        await ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/users",
            new { userName, email = $"{userName}@example.test", password = Person.Password }), HttpStatusCode.Created);
        var issued = await ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/tokens",
            new { userNameOrEmail = userName, password = Person.Password, name = "browser tests" }), HttpStatusCode.Created);
        var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        return new SiteApi(http, userName);
    }

    /// <summary>An open, public community with rules to accept; returns its slug.</summary>
    public async Task<string> NewCommunityAsync(string name)
    {
        var slug = Names.Unique("c");
        var created = await ExpectAsync(await http.PostAsJsonAsync("/api/v1/communities", new
        {
            name,
            slug,
            kind = "Interest",
            purpose = $"People who enjoy {name.ToLowerInvariant()}.",
            rules = "1. Be kind.",
            visibility = "Public",
            joinPolicy = "Open",
        }), HttpStatusCode.Created);
        return created["slug"]!.GetValue<string>();
    }

    /// <summary>A topic in the community's Discussion space; returns its id.</summary>
    public async Task<long> NewTopicAsync(string slug, string title, string body)
    {
        var created = await ExpectAsync(await http.PostAsJsonAsync($"/api/v1/communities/{slug}/topics", new { title, body }), HttpStatusCode.Created);
        var id = created["id"]!;
        return id.GetValueKind() == System.Text.Json.JsonValueKind.String ? long.Parse(id.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : id.GetValue<long>();
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
