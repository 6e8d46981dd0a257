using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Accounts;

public abstract class AccountsSpec(HearthApp app)
{
    [Fact]
    public async Task Registering_answers_201_with_id_and_user_name()
    {
        var client = app.CreateClient();
        var name = Api.UniqueName();
        var body = await (await client.PostAsJsonAsync("/api/v1/users", new { userName = name, email = $"{name}@x.test", password = "long enough pw" }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(name, body["userName"]!.GetValue<string>());
        Assert.True(body["id"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task User_names_and_emails_are_unique_whatever_their_case()
    {
        var client = app.CreateClient();
        var name = Api.UniqueName();
        await (await client.PostAsJsonAsync("/api/v1/users", new { userName = name, email = $"{name}@x.test", password = "long enough pw" })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/users", new { userName = name.ToUpperInvariant(), email = $"other{name}@x.test", password = "long enough pw" })).ShouldFail(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/v1/users", new { userName = "other" + name, email = $"{name.ToUpperInvariant()}@X.TEST", password = "long enough pw" })).ShouldFail(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Registering_with_bad_fields_names_each_field()
    {
        var client = app.CreateClient();
        var problem = await (await client.PostAsJsonAsync("/api/v1/users", new { userName = "a b", email = "nope", password = "short" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["userName"]);
        Assert.NotNull(problem["errors"]!["email"]);
        var missing = await (await client.PostAsJsonAsync("/api/v1/users", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]!["password"]);
    }

    [Fact]
    public async Task Malformed_json_and_wrong_content_type_are_client_errors()
    {
        var client = app.CreateClient();
        var malformed = await client.PostAsync("/api/v1/users", Api.RawJson("{\"userName\": "));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var wrongType = await client.PostAsync("/api/v1/users", new StringContent("userName=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task A_token_identifies_its_owner_and_stops_working_once_revoked()
    {
        var member = await app.NewMemberAsync();
        var me = await member.GetJsonAsync("/api/v1/me");
        Assert.Equal(member.UserName, me["userName"]!.GetValue<string>());
        Assert.Equal(member.Email, me["email"]!.GetValue<string>());

        var tokens = await member.GetJsonAsync("/api/v1/tokens");
        var id = tokens["items"]![0]!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_stored_hashed()
    {
        var member = await app.NewMemberAsync();
        await using var connection = await app.Db.OpenAsync();
        var stored = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT token_hash FROM api_tokens WHERE user_id = @Id", new { member.Id });
        Assert.DoesNotContain(member.Token, stored);
        Assert.Contains(Hearth.Platform.Security.Tokens.Hash(member.Token), stored);
    }

    [Fact]
    public async Task Anonymous_and_unknown_tokens_get_401()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "hth_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var member = await app.NewMemberAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await (await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = member.UserName, password = "wrong password" })).ShouldFail(HttpStatusCode.Unauthorized);
        var locked = await (await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = member.UserName, password = "correct horse battery" })).ShouldFail(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registering_through_the_form_signs_the_person_in()
    {
        var browser = Browser.Open(app);
        var name = Api.UniqueName();
        var response = await browser.SubmitAsync("/account/register", "form#register", new Dictionary<string, string>
        {
            ["UserName"] = name,
            ["Email"] = $"{name}@x.test",
            ["Password"] = "long enough pw",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await browser.PageAsync("/");
        Assert.Equal(name, home.QuerySelector("[data-testid=me]")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_form_is_explained()
    {
        var member = await app.NewMemberAsync();
        var response = await Browser.Open(app).SubmitAsync("/account/sign-in", "form#sign-in", new Dictionary<string, string>
        {
            ["UserNameOrEmail"] = member.UserName,
            ["Password"] = "not the password",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_made_on_the_profile_page_is_shown_once_and_works()
    {
        var member = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var created = await browser.SubmitAsync($"/u/{member.UserName}", "form#new-token", new Dictionary<string, string> { ["TokenName"] = "laptop" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await browser.PageAsync($"/u/{member.UserName}");
        var token = page.QuerySelector("[data-testid=new-token]")!.TextContent;
        var again = await browser.PageAsync($"/u/{member.UserName}");
        Assert.Null(again.QuerySelector("[data-testid=new-token]"));

        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await (await script.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(member.UserName, me["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_member_profile_shows_no_tokens()
    {
        var member = await app.NewMemberAsync();
        var other = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(other.UserName);
        var page = await browser.PageAsync($"/u/{member.UserName}");
        Assert.Null(page.QuerySelector("form#new-token"));
        await browser.PageAsync("/u/nobody-by-this-name", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writing_through_the_api_with_the_sign_in_cookie_needs_the_antiforgery_token()
    {
        var member = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var forged = await browser.Http.PostAsync("/api/v1/communities", Api.RawJson("""{"name":"Forged","slug":"forged-x","kind":"Interest","purpose":"p"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Signing_in_by_email_works_in_any_case()
    {
        var member = await app.NewMemberAsync();
        var client = app.CreateClient();
        await (await client.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = member.Email.ToUpperInvariant(), password = "correct horse battery" })).ShouldBe(HttpStatusCode.Created);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AccountsOnSqlite(SqliteApp app) : AccountsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AccountsOnPostgres(PostgresApp app) : AccountsSpec(app);
