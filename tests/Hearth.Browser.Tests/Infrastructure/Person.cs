using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests.Infrastructure;

/// <summary>One person at their own browser (their own context: own cookies, own session).</summary>
public sealed class Person(HearthSite site, IBrowserContext context, IPage page, string userName) : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    public HearthSite Site { get; } = site;
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public string UserName { get; } = userName;
    public string Email => $"{UserName}@example.test";

    /// <summary>Registers the way a newcomer does: from the home page's Register link, through form#register.</summary>
    public async Task RegisterAsync()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/register"));

        var form = Page.Locator("form#register");
        await form.Locator("[name=UserName]").FillAsync(UserName);
        await form.Locator("[name=Email]").FillAsync(Email);
        await form.Locator("[name=Password]").FillAsync(Password);
        await form.Locator("button[type=submit]").ClickAsync();

        // Signed in: the site header names the person.
        await Expect(Page.Locator("[data-testid=me]")).ToHaveTextAsync(UserName);
    }

    /// <summary>Saves a full-page screenshot of what the person sees now, for a human to look at after the run.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(HearthSite.ScreenshotFolder);
        var path = Path.Combine(HearthSite.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
