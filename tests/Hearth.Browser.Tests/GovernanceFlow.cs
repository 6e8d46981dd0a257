using System.Text.RegularExpressions;
using Dapper;
using Hearth.Browser.Tests.Infrastructure;
using Hearth.Features.Governance;
using Hearth.Platform.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hearth.Browser.Tests;

/// <summary>
/// Members change their community's purpose by vote: a steward proposes, a member votes, the period ends, the change
/// is applied as a new charter version and the member is told; then the steward reads the community's health.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernanceFlow(HearthSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_steward_proposes_a_new_purpose_the_members_pass_it_and_the_steward_reads_the_health_page()
    {
        using var founder = await ScriptedMember.RegisterAsync(site, "founder");
        var slug = await founder.NewCommunityAsync("Allotment growers");
        await using var steward = await site.NewPersonAsync("steward");
        await using var voter = await site.NewPersonAsync("voter");
        const string purpose = "Growing food together, and sharing seeds with the town.";
        var proposalUrl = "";

        await Flows.WithEndStateScreenshotAsync(steward, output, "governance-steward-proposes", async () =>
        {
            var page = steward.Page;
            await steward.RegisterAsync();
            await Flows.JoinAsync(page, slug);
            await founder.PutOkAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Steward" });

            await page.GotoAsync($"/c/{slug}/proposals/new");
            var form = page.Locator("form#new-proposal");
            await form.Locator("#Form_Title").FillAsync("Say that we share seeds");
            await form.Locator("#Form_Purpose").FillAsync(purpose);
            await Flows.Submit(form).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"/c/{slug}/proposals/\d+$"));
            proposalUrl = new Uri(page.Url).AbsolutePath;
            await Expect(page.Locator("[data-testid=proposal-state]")).ToHaveTextAsync("Voting");
            await Expect(page.Locator("[data-testid=change-purpose]")).ToContainTextAsync("sharing seeds");
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote Yes" }).ClickAsync();
            await Expect(page.Locator("[data-testid=my-vote]")).ToContainTextAsync("Yes");
        });

        await Flows.WithEndStateScreenshotAsync(voter, output, "governance-member-votes", async () =>
        {
            var page = voter.Page;
            await voter.RegisterAsync();
            await Flows.JoinAsync(page, slug);
            await page.GotoAsync($"/c/{slug}/proposals");
            await page.GetByRole(AriaRole.Link, new() { Name = "Say that we share seeds" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote Yes" }).ClickAsync();
            await Expect(page.Locator("[data-testid=yes]")).ToHaveTextAsync("2");
            await Expect(page.Locator("[data-testid=my-vote]")).ToContainTextAsync("Yes");
        });

        // The voting period ends (moved into the past rather than waited for) and the closing pass runs.
        var id = long.Parse(Regex.Match(proposalUrl, @"(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = await site.Services.GetRequiredService<Db>().OpenAsync())
            await connection.ExecuteAsync("UPDATE proposals SET ends_at = @Past WHERE id = @Id", new { Past = DateTime.UtcNow.AddMinutes(-1), Id = id });
        await site.Services.GetRequiredService<CloseProposals>().RunOnceAsync();

        await Flows.WithEndStateScreenshotAsync(voter, output, "governance-member-told", async () =>
        {
            var page = voter.Page;
            await page.GotoAsync(proposalUrl);
            await Expect(page.Locator("[data-testid=proposal-state]")).ToHaveTextAsync("Passed");
            await Expect(page.Locator("[data-testid=applied-version]")).ToContainTextAsync("charter version 2");
            await page.GotoAsync($"/c/{slug}");
            await Expect(page.Locator("main")).ToContainTextAsync(purpose);
            await page.GotoAsync("/notifications");
            await Expect(page.Locator("[data-testid=notifications]")).ToContainTextAsync("voted “Say that we share seeds” in");
        });

        await Flows.WithEndStateScreenshotAsync(steward, output, "governance-steward-reads-health", async () =>
        {
            var page = steward.Page;
            await page.GotoAsync($"/c/{slug}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Community health" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/c/{slug}/health$"));
            await Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
            // The founder, the steward and the voter all acted in the last month.
            await Expect(page.Locator("[data-testid=active-month]")).ToHaveTextAsync("3");
            await Expect(page.Locator("[data-testid=csv-link]")).ToHaveAttributeAsync("href", $"/api/v1/communities/{slug}/health.csv");
        });
    }
}
