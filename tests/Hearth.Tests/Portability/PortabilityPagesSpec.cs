using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Portability;

/// <summary>The pages of portability, as a person without JavaScript uses them.</summary>
public abstract class PortabilityPagesSpec(HearthApp app)
{
    [Fact]
    public async Task A_member_turns_export_consent_on_and_off_from_the_community_page()
    {
        var steward = await app.NewMemberAsync("steward");
        var member = await app.NewMemberAsync("member");
        var slug = await steward.NewCommunityAsync();
        await member.JoinAsync(slug);
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);

        var home = await browser.PageAsync($"/c/{slug}");
        var link = home.QuerySelector("[data-testid=export-consent]")!.GetAttribute("href")!;
        var page = await browser.PageAsync(link);
        Assert.Contains("not included", page.QuerySelector("[data-testid=consent-state]")!.TextContent);
        Assert.False(((IHtmlInputElement)page.QuerySelector("[data-testid=consent-box]")!).IsChecked);

        var saved = await browser.SubmitAsync(link, "form#export-consent", new Dictionary<string, string> { ["Consent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((await member.GetJsonAsync($"/api/v1/communities/{slug}/membership/export-consent"))["consent"]!.GetValue<bool>());
        Assert.True(((IHtmlInputElement)(await browser.PageAsync(link)).QuerySelector("[data-testid=consent-box]")!).IsChecked);

        // Unticked (the test browser would send the box's checked state, so the value is given): consent is off again.
        await browser.SubmitAsync(link, "form#export-consent", new Dictionary<string, string> { ["Consent"] = "false" });
        Assert.False((await member.GetJsonAsync($"/api/v1/communities/{slug}/membership/export-consent"))["consent"]!.GetValue<bool>());

        var outsider = await app.NewMemberAsync("outsider");
        var stranger = Browser.Open(app);
        await stranger.SignInAsync(outsider.UserName);
        var hidden = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/c/{hidden}/export-consent")).Response.StatusCode);
    }

    [Fact]
    public async Task A_steward_exports_from_the_edit_page_and_someone_imports_it_through_the_import_page()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        await steward.NewTopicAsync(slug, "Something to carry over", "Carried **over**.");
        var browser = Browser.Open(app);
        await browser.SignInAsync(steward.UserName);
        var edit = await browser.PageAsync($"/c/{slug}/edit");
        var exportUrl = edit.QuerySelector("[data-testid=export-community]")!.GetAttribute("href")!;
        var exported = await browser.Http.GetAsync(exportUrl);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/zip", exported.Content.Headers.ContentType?.MediaType);
        var archive = await exported.Content.ReadAsByteArrayAsync();

        var importer = await app.NewMemberAsync("importer");
        var person = Browser.Open(app);
        await person.SignInAsync(importer.UserName);
        var start = await person.PageAsync("/communities/new");
        Assert.Equal("/communities/import", start.QuerySelector("[data-testid=import-community]")!.GetAttribute("href"));

        var bad = await UploadAsync(person, Encoding.UTF8.GetBytes("not a zip"), slug + "-p");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("not a ZIP", page.QuerySelector("[data-testid=import-errors]")!.TextContent);

        var done = await UploadAsync(person, archive, slug + "-p");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/c/{slug}-p", done.Headers.Location?.OriginalString);
        var topics = await importer.GetJsonAsync($"/api/v1/communities/{slug}-p/topics");
        Assert.Contains(topics["items"]!.AsArray(), t => t!["title"]!.GetValue<string>() == "Something to carry over");
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, byte[] archive, string slug)
    {
        var form = await browser.PageAsync("/communities/import");
        var token = form.QuerySelector("form#import-community input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(slug), "slug" },
        };
        var file = new ByteArrayContent(archive);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(file, "archive", "community.zip");
        return await browser.Http.PostAsync("/communities/import", content);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class PortabilityPagesOnSqlite(SqliteApp app) : PortabilityPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class PortabilityPagesOnPostgres(PostgresApp app) : PortabilityPagesSpec(app);
