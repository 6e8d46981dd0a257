using System.Net;
using System.Text.RegularExpressions;
using Hearth.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>An idea proposed, voted for and moved along by a moderator, who tells its author why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdeasFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_member_proposes_an_idea_and_a_moderator_plans_it_with_a_note()
    {
        using var founder = await ScriptedMember.RegisterAsync(site, "founder");
        var slug = await founder.NewCommunityAsync("Community garden");
        await founder.PostOkAsync($"/api/v1/communities/{slug}/spaces", new { name = "Ideas", slug = "ideas", kind = "Ideas" }, HttpStatusCode.Created);
        using var fan = await ScriptedMember.RegisterAsync(site, "fan");
        await fan.JoinAsync(slug);

        await using var author = await site.NewPersonAsync("author");
        await using var moderator = await site.NewPersonAsync("moderator");
        const string title = "A shared tool shed";
        var ideaUrl = "";
        await Flows.WithEndStateScreenshotAsync(author, output, nameof(A_member_proposes_an_idea_and_a_moderator_plans_it_with_a_note) + ".author", async () =>
        {
            var page = author.Page;
            await author.RegisterAsync();
            await Flows.JoinAsync(page, slug);
            await page.GotoAsync($"/c/{slug}/s/ideas");
            var propose = page.Locator("form#new-topic");
            await propose.Locator("[name=Title]").FillAsync(title);
            await propose.Locator("[name=Body]").FillAsync("So nobody has to carry a **spade** on the bus.");
            await Flows.Submit(propose).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/t/\d+/"));
            ideaUrl = new Uri(page.Url).AbsolutePath;
            await Expect(page.Locator("[data-testid=idea] [data-testid=idea-status]")).ToHaveTextAsync("New");

            await page.GetByRole(AriaRole.Button, new() { Name = "Vote for this idea" }).ClickAsync();
            await Expect(page.Locator("[data-testid=votes]")).ToHaveTextAsync("1 vote");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove my vote" })).ToHaveAttributeAsync("aria-pressed", "true");
        });
        var topicId = long.Parse(Regex.Match(ideaUrl, @"/t/(\d+)/").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await fan.PostOkAsync($"/api/v1/topics/{topicId}/vote", new { value = 1 });

        await Flows.WithEndStateScreenshotAsync(moderator, output, nameof(A_member_proposes_an_idea_and_a_moderator_plans_it_with_a_note) + ".moderator", async () =>
        {
            var page = moderator.Page;
            await moderator.RegisterAsync();
            await Flows.JoinAsync(page, slug);
            await founder.PutOkAsync($"/api/v1/communities/{slug}/members/{moderator.UserName}/role", new { role = "Moderator" });

            await page.GotoAsync($"/c/{slug}/s/ideas?sort=votes");
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(page.Locator("[data-testid=votes]")).ToHaveTextAsync("2 votes");
            await page.Locator("[data-testid=idea] summary").ClickAsync();
            var form = page.Locator("form#idea-status");
            await form.Locator("[name=Status]").SelectOptionAsync("Planned");
            // Without a note the change is refused and the form says why.
            await Flows.Submit(form).ClickAsync();
            await Expect(page.Locator("form#idea-status .field-error").Or(page.Locator("form#idea-status :invalid")).First).ToBeVisibleAsync();
            await form.Locator("[name=Note]").FillAsync("Approved at the spring meeting; building starts in **May**.");
            await Flows.Submit(form).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(ideaUrl) + "$"));
            await Expect(page.Locator("[data-testid=idea] [data-testid=idea-status]")).ToHaveTextAsync("Planned");
            await Expect(page.Locator("[data-testid=status-history] li")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=status-history] li strong", new() { HasText = "May" })).ToBeVisibleAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("2 people notified");
        });

        await Flows.WithEndStateScreenshotAsync(author, output, nameof(A_member_proposes_an_idea_and_a_moderator_plans_it_with_a_note) + ".notified", async () =>
        {
            var page = author.Page;
            await page.GotoAsync("/notifications");
            await Expect(page.Locator("[data-testid=notifications]")).ToContainTextAsync($"“{title}” to Planned");
        });
    }
}
