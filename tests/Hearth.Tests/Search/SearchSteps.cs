using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Search;

/// <summary>Short ways to search as a script would, and words no other test uses.</summary>
public static class SearchSteps
{
    /// <summary>A made-up word of letters only, unique to one test, so tests sharing an app never see each other's hits.</summary>
    public static string Word(string prefix = "zq") =>
        prefix + string.Concat(Guid.NewGuid().ToString("n")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    public static async Task<JsonArray> SearchAsync(this HttpClient client, string query)
    {
        var body = await client.GetJsonAsync("/api/v1/search?" + query);
        return body["items"]!.AsArray();
    }

    public static Task<JsonArray> SearchAsync(this Member member, string query) => member.Http.SearchAsync(query);

    public static string Q(string words) => "q=" + Uri.EscapeDataString(words);

    public static string[] Titles(this JsonArray items) => [.. items.Select(i => i!["title"]!.GetValue<string>())];

    public static string[] Types(this JsonArray items) => [.. items.Select(i => i!["type"]!.GetValue<string>())];

    public static long[] Ids(this JsonArray items) => [.. items.Select(i => i!["id"]!.GetValue<long>())];

    public static async Task<JsonNode> ShouldBeOk(this Task<HttpResponseMessage> response) => await (await response).ShouldBe(HttpStatusCode.OK);
}
