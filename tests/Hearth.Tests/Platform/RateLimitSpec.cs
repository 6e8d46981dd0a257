using System.Net;
using System.Net.Http.Json;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Platform;

/// <summary>A Hearth whose limits are low enough to reach in a test.</summary>
public sealed class LowLimitApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Hearth:RateLimits:LoginsPerMinute", "3"),
        new("Hearth:RateLimits:WritesPerMinute", "4"),
    ];
}

[Trait("Engine", Engines.Sqlite)]
public sealed class LoginRateLimitSpec(LowLimitApp app) : IClassFixture<LowLimitApp>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_answer_429_with_retry_after()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = "nobody", password = "whatever it is" })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = "nobody", password = "whatever it is" });
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

}

[Trait("Engine", Engines.Sqlite)]
public sealed class WriteRateLimitSpec(LowLimitApp app) : IClassFixture<LowLimitApp>
{
    [Fact]
    public async Task Writes_are_limited_per_member_but_reads_are_not()
    {
        var client = app.CreateClient();
        var name = Api.UniqueName();
        await (await client.PostAsJsonAsync("/api/v1/users", new { userName = name, email = $"{name}@x.test", password = "long enough pw" })).ShouldBe(HttpStatusCode.Created);
        var token = await (await app.CreateClient().PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = name, password = "long enough pw" })).ShouldBe(HttpStatusCode.Created);
        var member = app.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", token["token"]!.GetValue<string>());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await member.PostAsJsonAsync("/api/v1/communities", new { name = "x", slug = "bad slug", kind = "Interest", purpose = "p" })).StatusCode);
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/communities")).StatusCode);
    }
}

/// <summary>The first account on a brand-new instance becomes its admin; later ones do not.</summary>
[Trait("Engine", Engines.Sqlite)]
public sealed class FirstAdminSpec(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_first_person_to_register_becomes_the_site_admin()
    {
        var first = await app.NewMemberAsync();
        var second = await app.NewMemberAsync();
        Assert.True((await first.GetJsonAsync("/api/v1/me"))["isAdmin"]!.GetValue<bool>());
        Assert.False((await second.GetJsonAsync("/api/v1/me"))["isAdmin"]!.GetValue<bool>());
    }
}
