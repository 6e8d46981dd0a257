using System.Net;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Messages;

public abstract class MessagePagesSpec(HearthApp app)
{
    [Fact]
    public async Task Members_write_and_reply_on_the_message_pages_and_strangers_find_nothing()
    {
        var ada = await app.NewMemberAsync("ada");
        var bob = await app.NewMemberAsync("bob");
        var eve = await app.NewMemberAsync("eve");
        var adaBrowser = Browser.Open(app);
        await adaBrowser.SignInAsync(ada.UserName);

        var form = await adaBrowser.PageAsync($"/messages?to={bob.UserName}");
        Assert.Equal(bob.UserName, form.QuerySelector("form#new-conversation input#To")!.GetAttribute("value"));
        var sent = await adaBrowser.SubmitAsync($"/messages?to={bob.UserName}", "form#new-conversation", new Dictionary<string, string>
        {
            ["Subject"] = "Proofing times",
            ["Body"] = "How *long* do you proof?",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var url = sent.Headers.Location!.OriginalString.Split('#')[0];
        Assert.Matches("^/messages/[0-9]+$", url);

        var bobBrowser = Browser.Open(app);
        await bobBrowser.SignInAsync(bob.UserName);
        var inbox = await bobBrowser.PageAsync("/messages");
        var entry = inbox.QuerySelector("[data-testid=conversations] li")!;
        Assert.Equal("1", entry.GetAttribute("data-unread"));
        Assert.NotNull(entry.QuerySelector("[data-testid=unread]"));
        var thread = await bobBrowser.PageAsync(url);
        Assert.Equal("Proofing times", thread.QuerySelector("[data-testid=subject]")!.TextContent.Trim());
        Assert.Equal("long", thread.QuerySelector("article.message em")!.TextContent);
        Assert.Equal("0", (await bobBrowser.PageAsync("/messages")).QuerySelector("[data-testid=conversations] li")!.GetAttribute("data-unread"));

        var replied = await bobBrowser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "Overnight, cold." });
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(2, (await adaBrowser.PageAsync(url)).QuerySelectorAll("article.message").Length);

        var empty = await bobBrowser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("required", await empty.Content.ReadAsStringAsync());

        var eveBrowser = Browser.Open(app);
        await eveBrowser.SignInAsync(eve.UserName);
        await eveBrowser.PageAsync(url, HttpStatusCode.NotFound);
        Assert.Null((await eveBrowser.PageAsync("/messages")).QuerySelector("[data-testid=conversations]"));
        var anonymous = await Browser.Open(app).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Response.StatusCode);
    }

    [Fact]
    public async Task A_refused_message_keeps_what_was_typed_and_says_why()
    {
        var ada = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(ada.UserName);
        var refused = await browser.SubmitAsync("/messages", "form#new-conversation", new Dictionary<string, string>
        {
            ["To"] = "nobody-by-this-name",
            ["Subject"] = "Hello",
            ["Body"] = "Anyone?",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("nobody-by-this-name", page.QuerySelector("#To ~ .field-error")!.TextContent);
        Assert.Equal("Anyone?", page.QuerySelector("textarea#Body")!.TextContent);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class MessagePagesOnSqlite(SqliteApp app) : MessagePagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class MessagePagesOnPostgres(PostgresApp app) : MessagePagesSpec(app);
