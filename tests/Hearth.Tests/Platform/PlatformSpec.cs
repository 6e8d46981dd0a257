using System.Net;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Platform;

public abstract class PlatformSpec(HearthApp app)
{
    [Fact]
    public async Task Health_endpoints_answer_when_the_database_does()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_contract_routes()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var route in new[] { "/api/v1/users", "/api/v1/tokens", "/api/v1/me", "/api/v1/communities", "/api/v1/communities/{slug}", "/api/v1/communities/{slug}/join" })
            Assert.Contains(route, paths);
    }

    [Fact]
    public async Task Unknown_api_routes_answer_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_carry_headers_that_stop_sniffing_framing_and_inline_script()
    {
        var response = await app.CreateClient().GetAsync("/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_stylesheet_linked_from_pages_is_served_to_browsers_that_accept_gzip()
    {
        var page = await Browser.Open(app).PageAsync("/");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--accent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        var (response, page) = await Browser.Open(app).GetAsync("/c/no-such-community-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found", page.QuerySelector("h1")!.TextContent);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class PlatformOnSqlite(SqliteApp app) : PlatformSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class PlatformOnPostgres(PostgresApp app) : PlatformSpec(app);
