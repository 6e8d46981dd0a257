using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Membership;

public abstract class MembershipPagesSpec(HearthApp app)
{
    [Fact]
    public async Task The_join_page_shows_the_rules_and_its_form_joins()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        var browser = await SignedInAsync(member);

        var page = await browser.PageAsync($"/c/{slug}/join");
        Assert.Contains("Be kind.", page.QuerySelector("[data-testid=rules]")!.TextContent);
        Assert.Equal("I accept the rules (version 1)", page.QuerySelector("form#join label[for=AcceptRules]")!.TextContent.Trim());
        Assert.True(page.QuerySelector("form#join input#AcceptRules") is IHtmlInputElement { IsRequired: true });
        Assert.Equal("1", (page.QuerySelector("form#join input[name=AcceptRulesVersion]") as IHtmlInputElement)!.Value);

        var response = await browser.SubmitAsync($"/c/{slug}/join", "form#join", new Dictionary<string, string> { ["AcceptRules"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/c/{slug}", response.Headers.Location!.OriginalString);
        var home = await browser.PageAsync($"/c/{slug}");
        Assert.Contains("Welcome", home.QuerySelector(".flash")!.TextContent);
        Assert.Equal("Member", home.QuerySelector("[data-testid=viewer-role]")!.TextContent.Trim());
        Assert.Equal($"/c/{slug}/leave", home.QuerySelector("form#membership-leave")!.GetAttribute("action"));
        Assert.Equal("Active", (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_join_form_needs_the_box_ticked_and_the_antiforgery_token()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        var browser = await SignedInAsync(member);

        var unticked = await browser.SubmitAsync($"/c/{slug}/join", "form#join", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        var forged = await browser.Http.PostAsync($"/c/{slug}/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AcceptRules"] = "true",
            ["AcceptRulesVersion"] = "1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Null((await member.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task Asking_to_join_through_the_page_leaves_a_request_to_withdraw()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var asker = await app.NewMemberAsync("asker");
        var browser = await SignedInAsync(asker);

        var home = await browser.PageAsync($"/c/{slug}");
        Assert.Equal("Ask to join", home.QuerySelector("a[href='/c/" + slug + "/join']")!.TextContent.Trim());
        await browser.SubmitAsync($"/c/{slug}/join", "form#join", new Dictionary<string, string> { ["AcceptRules"] = "true" });

        home = await browser.PageAsync($"/c/{slug}");
        Assert.Contains("Your request is waiting for a steward", home.QuerySelector("[data-testid=membership]")!.TextContent);
        var withdrawn = await browser.SubmitAsync($"/c/{slug}", "form#membership-withdraw", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Null((await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task The_membership_box_offers_what_the_viewer_may_do()
    {
        var steward = await app.NewMemberAsync("steward");
        var open = await steward.NewCommunityAsync();
        var byInvitation = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");

        var anonymous = await Browser.Open(app).PageAsync($"/c/{open}");
        Assert.Equal("Sign in to join", anonymous.QuerySelector($"a[href='/account/sign-in?returnUrl=/c/{open}']")!.TextContent.Trim());

        var visitor = await SignedInAsync(await app.NewMemberAsync());
        Assert.Equal("Join", (await visitor.PageAsync($"/c/{open}")).QuerySelector($"a[href='/c/{open}/join']")!.TextContent.Trim());
        var invitationOnly = await visitor.PageAsync($"/c/{byInvitation}");
        Assert.Contains("Joining is by invitation", invitationOnly.QuerySelector("[data-testid=membership]")!.TextContent);
        Assert.Null(invitationOnly.QuerySelector($"a[href='/c/{byInvitation}/join']"));
        Assert.Null(invitationOnly.QuerySelector("[data-testid=manage-members]"));

        var stewardPage = await (await SignedInAsync(steward)).PageAsync($"/c/{open}");
        Assert.Equal($"/c/{open}/members", stewardPage.QuerySelector("[data-testid=manage-members]")!.GetAttribute("href"));
        Assert.Equal("Steward", stewardPage.QuerySelector("[data-testid=viewer-role]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_members_page_shows_roles_and_a_steward_changes_them()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var browser = await SignedInAsync(steward);

        var page = await browser.PageAsync($"/c/{slug}/members");
        Assert.Equal("Steward", RoleOf(page, steward.UserName));
        Assert.Equal("Member", RoleOf(page, member.UserName));

        var response = await browser.SubmitAsync($"/c/{slug}/members", $"form.role-form[data-user='{member.UserName}']",
            new Dictionary<string, string> { ["Role"] = "Moderator" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        page = await browser.PageAsync($"/c/{slug}/members");
        Assert.Equal("Moderator", RoleOf(page, member.UserName));
        Assert.Equal("Moderator", (page.QuerySelector($"form.role-form[data-user='{member.UserName}'] option[selected]") as IHtmlOptionElement)!.Value);

        // The last steward's own demotion is refused on the page, with the reason.
        var refused = await browser.SubmitAsync($"/c/{slug}/members", $"form.role-form[data-user='{steward.UserName}']",
            new Dictionary<string, string> { ["Role"] = "Member" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Steward", (await member.GetJsonAsync($"/api/v1/communities/{slug}/members"))["items"]![0]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_see_the_list_without_the_stewards_tools_and_outsiders_of_a_restricted_community_see_nothing()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);

        var page = await (await SignedInAsync(member)).PageAsync($"/c/{slug}/members");
        Assert.Equal("Steward", RoleOf(page, steward.UserName));
        Assert.Empty(page.QuerySelectorAll("form.role-form"));
        Assert.Null(page.QuerySelector("form#invite"));
        Assert.Empty(page.QuerySelectorAll("form.request-form"));

        await (await SignedInAsync(await app.NewMemberAsync("outsider"))).PageAsync($"/c/{slug}/members", HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/c/{slug}/members", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_private_community_s_pages_are_not_found_by_outsiders()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Open"; });
        var outsider = await SignedInAsync(await app.NewMemberAsync("outsider"));

        foreach (var url in new[] { $"/c/{slug}", $"/c/{slug}/join", $"/c/{slug}/members", $"/c/{slug}/leave" })
            await outsider.PageAsync(url, HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/c/{slug}/members", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_steward_approves_and_declines_requests_on_the_members_page()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var welcome = await app.NewMemberAsync("welcome");
        var unwelcome = await app.NewMemberAsync("unwelcome");
        await welcome.JoinAsync(slug);
        await unwelcome.JoinAsync(slug);
        var browser = await SignedInAsync(steward);

        var page = await browser.PageAsync($"/c/{slug}/members");
        var welcomeId = page.QuerySelector($"tr[data-user='{welcome.UserName}']")!.GetAttribute("data-request");
        var unwelcomeId = page.QuerySelector($"tr[data-user='{unwelcome.UserName}']")!.GetAttribute("data-request");
        var approved = await browser.SubmitAsync($"/c/{slug}/members", $"form.request-form[data-decision=approve][data-request='{welcomeId}']", new Dictionary<string, string>());
        var declined = await browser.SubmitAsync($"/c/{slug}/members", $"form.request-form[data-decision=decline][data-request='{unwelcomeId}']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal("Active", (await welcome.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal("Declined", (await unwelcome.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
        page = await browser.PageAsync($"/c/{slug}/members");
        Assert.Equal("Member", RoleOf(page, welcome.UserName));
        Assert.NotNull(page.QuerySelector("[data-testid=no-requests]"));
    }

    [Fact]
    public async Task A_steward_invites_on_the_members_page_and_the_invitee_accepts_on_the_invitation_page()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var invitee = await app.NewMemberAsync("invitee");
        var stewardBrowser = await SignedInAsync(steward);

        var invalid = await stewardBrowser.SubmitAsync($"/c/{slug}/members", "form#invite", new Dictionary<string, string> { ["UserName"] = "", ["Email"] = "" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var created = await stewardBrowser.SubmitAsync($"/c/{slug}/members", "form#invite", new Dictionary<string, string> { ["UserName"] = invitee.UserName, ["Email"] = "" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var shown = await ParseAsync(created);
        var link = new Uri(shown.QuerySelector("a#invitation-link")!.GetAttribute("href")!).AbsolutePath;
        Assert.StartsWith("/invitations/inv_", link);
        Assert.Null((await stewardBrowser.PageAsync($"/c/{slug}/members")).QuerySelector("a#invitation-link"));

        // Anyone holding the link reads the charter, and is asked to sign in to accept.
        var anonymous = await Browser.Open(app).PageAsync(link);
        Assert.Contains("Community", anonymous.QuerySelector("[data-testid=community-name]")!.TextContent);
        Assert.NotNull(anonymous.QuerySelector($"a[href='/account/sign-in?returnUrl={link}']"));
        Assert.Null(anonymous.QuerySelector("form#accept-invitation"));

        var browser = await SignedInAsync(invitee);
        var invitation = await browser.PageAsync(link);
        Assert.Contains("know", invitation.QuerySelector("[data-testid=purpose]")!.TextContent);
        Assert.Contains("Be kind.", invitation.QuerySelector("[data-testid=rules]")!.TextContent);
        Assert.Equal("I accept the rules (version 1)", invitation.QuerySelector("form#accept-invitation label[for=AcceptRules]")!.TextContent.Trim());

        var accepted = await browser.SubmitAsync(link, "form#accept-invitation", new Dictionary<string, string> { ["AcceptRules"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/c/{slug}", accepted.Headers.Location!.OriginalString);
        Assert.Equal("Member", RoleOf(await browser.PageAsync($"/c/{slug}/members"), invitee.UserName));
        Assert.NotNull((await browser.PageAsync(link)).QuerySelector("[data-testid=invitation-used]"));
        await browser.PageAsync("/invitations/inv_nosuchtoken", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Someone_else_cannot_accept_an_invitation_on_its_page()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var stranger = await app.NewMemberAsync("stranger");
        var token = (await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { email = invitee.Email }))
            .ShouldBe(HttpStatusCode.Created))["token"]!.GetValue<string>();
        var browser = await SignedInAsync(stranger);

        var response = await browser.SubmitAsync($"/invitations/{token}", "form#accept-invitation", new Dictionary<string, string> { ["AcceptRules"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await stranger.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]?.GetValue<string>());
        Assert.Contains("someone else", (await ParseAsync(response)).QuerySelector(".form-error")!.TextContent);
        await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_leave_page_confirms_and_then_leaves()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var browser = await SignedInAsync(member);

        Assert.NotNull((await browser.PageAsync($"/c/{slug}/leave")).QuerySelector("form#leave button[type=submit]"));
        Assert.Equal("Active", (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());

        var response = await browser.SubmitAsync($"/c/{slug}/leave", "form#leave", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Left", (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
        var stewardBrowser = await SignedInAsync(steward);
        var refused = await stewardBrowser.SubmitAsync($"/c/{slug}/leave", "form#leave", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await ParseAsync(refused);
        Assert.Contains("only steward", refusedPage.QuerySelector(".form-error")!.TextContent);
    }

    private async Task<Browser> SignedInAsync(Member member)
    {
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return browser;
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static string RoleOf(IHtmlDocument page, string userName) =>
        page.QuerySelector($"table[data-testid=members] tr[data-user='{userName}'] [data-testid=role]")?.TextContent.Trim()
        ?? throw new Xunit.Sdk.XunitException($"{userName} is not on the members page.");
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class MembershipPagesOnSqlite(SqliteApp app) : MembershipPagesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class MembershipPagesOnPostgres(PostgresApp app) : MembershipPagesSpec(app);
