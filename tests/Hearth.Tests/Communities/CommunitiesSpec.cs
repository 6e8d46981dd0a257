using System.Net;
using Dapper;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Communities;

public abstract class CommunitiesSpec(HearthApp app)
{
    [Fact]
    public async Task The_founder_becomes_the_first_steward_and_accepts_version_1()
    {
        var founder = await app.NewMemberAsync();
        var slug = await founder.NewCommunityAsync(c => { c["kind"] = "Practice"; c["domain"] = "Site reliability"; });

        var community = await founder.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Practice", community["kind"]!.GetValue<string>());
        Assert.Equal("Site reliability", community["domain"]!.GetValue<string>());
        Assert.Equal(1, community["rulesVersion"]!.GetValue<int>());
        Assert.Equal(1, community["memberCount"]!.GetValue<int>());
        Assert.Equal("Steward", community["viewer"]!["role"]!.GetValue<string>());
        Assert.Equal("Active", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal([founder.UserName], community["stewards"].Strings());
        Assert.Contains("<strong>know</strong>", community["purposeHtml"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("slug", "Bad Slug!")]
    [InlineData("slug", "a")]
    [InlineData("slug", "new")]
    [InlineData("purpose", "")]
    [InlineData("name", "")]
    [InlineData("kind", "Hobby")]
    [InlineData("visibility", "Secret")]
    [InlineData("joinPolicy", "Anyone")]
    public async Task Invalid_fields_are_refused_with_a_message_and_nothing_is_written(string field, string value)
    {
        var founder = await app.NewMemberAsync();
        var before = await CountAsync("communities");
        var slug = "c" + Guid.NewGuid().ToString("n")[..10];
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Name",
            ["slug"] = slug,
            ["kind"] = "Interest",
            ["purpose"] = "Purpose",
            ["visibility"] = "Public",
            ["joinPolicy"] = "Open",
            [field] = value,
        };
        var problem = await (await founder.PostAsync("/api/v1/communities", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, await CountAsync("communities"));
    }

    [Fact]
    public async Task Over_long_fields_and_a_practice_without_domain_are_refused()
    {
        var founder = await app.NewMemberAsync();
        var tooLong = await (await founder.PostAsync("/api/v1/communities", new
        {
            name = new string('n', 81),
            slug = "c" + Guid.NewGuid().ToString("n")[..10],
            kind = "Interest",
            purpose = new string('p', 2001),
            visibility = "Public",
            joinPolicy = "Open",
        })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(tooLong["errors"]!["name"]);
        Assert.NotNull(tooLong["errors"]!["purpose"]);

        var noDomain = await (await founder.PostAsync("/api/v1/communities", new
        {
            name = "Practice",
            slug = "c" + Guid.NewGuid().ToString("n")[..10],
            kind = "Practice",
            purpose = "p",
            visibility = "Public",
            joinPolicy = "Open",
        })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(noDomain["errors"]!["domain"]);
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict()
    {
        var founder = await app.NewMemberAsync();
        var slug = await founder.NewCommunityAsync();
        var other = await app.NewMemberAsync();
        await (await other.PostAsync("/api/v1/communities", new
        {
            name = "Again",
            slug = slug.ToUpperInvariant(),
            kind = "Interest",
            purpose = "p",
            visibility = "Public",
            joinPolicy = "Open",
        })).ShouldFail(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_create_communities()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/communities", Api.RawJson("""{"name":"x","slug":"xyz","kind":"Interest","purpose":"p"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Editing_the_charter_makes_a_new_version_and_old_versions_stay_readable()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var edited = await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { rules = "1. Be kind.\n2. Cite sources." })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, edited["rulesVersion"]!.GetValue<int>());

        var settingsOnly = await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { joinPolicy = "Approval" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, settingsOnly["rulesVersion"]!.GetValue<int>());
        Assert.Equal("Approval", settingsOnly["joinPolicy"]!.GetValue<string>());

        var versions = await steward.GetJsonAsync($"/api/v1/communities/{slug}/versions");
        Assert.Equal(2, versions["items"]!.AsArray().Count);
        Assert.Equal("1. Be kind.", versions["items"]![1]!["rules"]!.GetValue<string>());
        Assert.Contains("Cite sources", versions["items"]![0]!["rules"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_stewards_edit_and_outsiders_of_a_private_community_are_told_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await (await member.PatchAsync($"/api/v1/communities/{slug}", new { purpose = "Mine now" })).ShouldFail(HttpStatusCode.Forbidden);

        var hidden = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        await (await member.PatchAsync($"/api/v1/communities/{hidden}", new { purpose = "Mine now" })).ShouldFail(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/communities/{hidden}")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{hidden}")).ShouldFail(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/communities/{hidden}/versions")).ShouldFail(HttpStatusCode.NotFound);
        var unchanged = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("To share what we **know**.", unchanged["purpose"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_purpose_or_bad_visibility_in_an_edit_is_refused_and_changes_nothing()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { purpose = " ", rules = "new rules" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { visibility = "Hidden" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal(1, community["rulesVersion"]!.GetValue<int>());
        Assert.Equal("1. Be kind.", community["rules"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_directory_searches_by_name_filters_by_kind_and_hides_private_communities_from_outsiders()
    {
        var steward = await app.NewMemberAsync();
        var tag = Guid.NewGuid().ToString("n")[..8];
        await steward.NewCommunityAsync(c => c["name"] = $"Birders {tag}");
        await steward.NewCommunityAsync(c => { c["name"] = $"Ornithologists {tag}"; c["kind"] = "Practice"; c["domain"] = "Ornithology"; });
        await steward.NewCommunityAsync(c => { c["name"] = $"Secret {tag}"; c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        await steward.NewCommunityAsync(c => { c["name"] = $"Members {tag}"; c["visibility"] = "Restricted"; });

        var outsider = await app.NewMemberAsync();
        var all = await outsider.GetJsonAsync($"/api/v1/communities?q={tag}");
        Assert.Equal(3, all["items"]!.AsArray().Count);
        Assert.DoesNotContain(all["items"]!.AsArray(), c => c!["name"]!.GetValue<string>().StartsWith("Secret"));

        var practice = await outsider.GetJsonAsync($"/api/v1/communities?q={tag}&kind=Practice");
        Assert.Equal([$"Ornithologists {tag}"], practice["items"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray());

        var mine = await steward.GetJsonAsync($"/api/v1/communities?q={tag.ToUpperInvariant()}");
        Assert.Equal(4, mine["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Directory_pages_follow_each_other_without_gaps_or_repeats()
    {
        var steward = await app.NewMemberAsync();
        var tag = Guid.NewGuid().ToString("n")[..8];
        for (var i = 0; i < 5; i++) await steward.NewCommunityAsync(c => c["name"] = $"Page {tag} {i}");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await steward.GetJsonAsync($"/api/v1/communities?q={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Page {tag} {i}"), seen);

        await (await steward.GetAsync("/api/v1/communities?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Markdown_in_the_charter_cannot_carry_script()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["purpose"] = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        var html = community["purposeHtml"]!.GetValue<string>();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task The_community_page_shows_purpose_values_rules_and_stewards()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var page = await Browser.Open(app).PageAsync($"/c/{slug}");
        Assert.Contains("know", page.QuerySelector("[data-testid=purpose] strong")!.TextContent);
        Assert.Contains("Kindness", page.Body!.TextContent);
        Assert.Contains("Be kind", page.Body!.TextContent);
        Assert.Equal(steward.UserName, page.QuerySelector("[data-testid=stewards] a")!.TextContent);
    }

    [Fact]
    public async Task A_private_community_page_is_not_found_for_outsiders()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var (response, page) = await Browser.Open(app).GetAsync($"/c/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(slug, page.Body!.TextContent);
        var home = await Browser.Open(app).PageAsync($"/?q={slug}");
        Assert.Empty(home.QuerySelectorAll("[data-testid=directory] article"));
    }

    [Fact]
    public async Task A_person_signs_in_and_founds_a_community_through_the_forms()
    {
        var person = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(person.UserName);
        var slug = "f" + Guid.NewGuid().ToString("n")[..10];
        var created = await browser.SubmitAsync("/communities/new", "form#new-community", new Dictionary<string, string>
        {
            ["Form.Name"] = "Fermenters",
            ["Form.Slug"] = slug,
            ["Form.Kind"] = "Interest",
            ["Form.Purpose"] = "Sharing *live* cultures.",
            ["Form.Values"] = "",
            ["Form.Rules"] = "",
            ["Form.Domain"] = "",
            ["Form.Visibility"] = "Public",
            ["Form.JoinPolicy"] = "Open",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/c/{slug}", created.Headers.Location!.OriginalString);
        var page = await browser.PageAsync($"/c/{slug}");
        Assert.Equal("live", page.QuerySelector("[data-testid=purpose] em")!.TextContent);
    }

    [Fact]
    public async Task The_new_community_form_shows_field_errors_and_keeps_what_was_typed()
    {
        var person = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(person.UserName);
        var response = await browser.SubmitAsync("/communities/new", "form#new-community", new Dictionary<string, string>
        {
            ["Form.Name"] = "Kept name",
            ["Form.Slug"] = "Not A Slug",
            ["Form.Kind"] = "Interest",
            ["Form.Purpose"] = "",
            ["Form.Visibility"] = "Public",
            ["Form.JoinPolicy"] = "Open",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Kept name", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.True(page.QuerySelectorAll(".field-error").Length >= 2);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var person = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(person.UserName);
        var response = await browser.Http.PostAsync("/communities/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Forged",
            ["Form.Slug"] = "forged" + Guid.NewGuid().ToString("n")[..6],
            ["Form.Kind"] = "Interest",
            ["Form.Purpose"] = "p",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_edit_page_is_for_stewards_only()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        await browser.PageAsync($"/c/{slug}/edit", HttpStatusCode.NotFound);

        var stewardBrowser = Browser.Open(app);
        await stewardBrowser.SignInAsync(steward.UserName);
        var saved = await stewardBrowser.SubmitAsync($"/c/{slug}/edit", "form#edit-community", new Dictionary<string, string> { ["Form.Rules"] = "Only kindness." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal(2, community["rulesVersion"]!.GetValue<int>());
        Assert.Equal("Only kindness.", community["rules"]!.GetValue<string>());
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class CommunitiesOnSqlite(SqliteApp app) : CommunitiesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class CommunitiesOnPostgres(PostgresApp app) : CommunitiesSpec(app);
