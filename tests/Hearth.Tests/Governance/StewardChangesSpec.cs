using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Governance;

public abstract class StewardChangesSpec(HearthApp app)
{
    private static Task<HttpResponseMessage> SetRoleAsync(Member steward, string slug, Member member, string role) =>
        steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role });

    private static async Task<string> RoleOfAsync(Member viewer, string slug, Member member) =>
        (await viewer.GetJsonAsync($"/api/v1/communities/{slug}/members?q={member.UserName}"))["items"]![0]!["role"]!.GetValue<string>();

    private static Task<HttpResponseMessage> DecideAsync(Member steward, string slug, long id, string decision) =>
        steward.PostAsync($"/api/v1/communities/{slug}/steward-changes/{id}/{decision}", new { });

    /// <summary>A founder and a second steward (made while the community had one), with confirmation then turned on.</summary>
    private async Task<(Member First, Member Second, string Slug, Member Member)> TwoStewardsAsync()
    {
        var first = await app.NewMemberAsync("first");
        var slug = await first.NewCommunityAsync();
        await first.SetGovernanceAsync(slug, new { stewardConfirmation = true });
        var second = await app.NewMemberAsync("second");
        await second.JoinAsync(slug);
        // The only steward has nobody to confirm: sharing the role applies at once.
        Assert.Equal("Steward", (await (await SetRoleAsync(first, slug, second, "Steward")).ShouldBe(HttpStatusCode.OK))["role"]!.GetValue<string>());
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(slug);
        return (first, second, slug, member);
    }

    [Fact]
    public async Task With_confirmation_off_stewardship_changes_at_once_as_before()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var other = await app.NewMemberAsync();
        await other.JoinAsync(slug);
        await (await SetRoleAsync(steward, slug, other, "Steward")).ShouldBe(HttpStatusCode.OK);
        await (await SetRoleAsync(other, slug, steward, "Member")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Member", await RoleOfAsync(other, slug, steward));
        Assert.Empty((await other.GetJsonAsync($"/api/v1/communities/{slug}/steward-changes"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Making_a_steward_waits_for_a_second_steward_and_the_requester_cannot_confirm_it()
    {
        var (first, second, slug, member) = await TwoStewardsAsync();
        var response = await SetRoleAsync(first, slug, member, "Steward");
        var pending = await response.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(("Pending", member.UserName, "Member", "Steward", first.UserName), (pending["state"]!.GetValue<string>(), pending["userName"]!.GetValue<string>(),
            pending["fromRole"]!.GetValue<string>(), pending["toRole"]!.GetValue<string>(), pending["requestedBy"]!.GetValue<string>()));
        var id = pending["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/communities/{slug}/steward-changes/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Member", await RoleOfAsync(first, slug, member));
        Assert.Equal([id], (await second.GetJsonAsync($"/api/v1/communities/{slug}/steward-changes"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
        Assert.NotNull(await second.NotificationAsync("steward_change"));
        // Asking twice for the same member is one request too many.
        await (await SetRoleAsync(first, slug, member, "Steward")).ShouldFail(HttpStatusCode.Conflict);

        await (await DecideAsync(first, slug, id, "confirm")).ShouldFail(HttpStatusCode.Forbidden);
        await (await DecideAsync(member, slug, id, "confirm")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal("Member", await RoleOfAsync(first, slug, member));

        var confirmed = await (await DecideAsync(second, slug, id, "confirm")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("Confirmed", second.UserName), (confirmed["state"]!.GetValue<string>(), confirmed["decidedBy"]!.GetValue<string>()));
        Assert.Equal("Steward", await RoleOfAsync(first, slug, member));
        Assert.Empty((await second.GetJsonAsync($"/api/v1/communities/{slug}/steward-changes"))["items"]!.AsArray());
        await (await DecideAsync(second, slug, id, "confirm")).ShouldFail(HttpStatusCode.Conflict);
        // Roles that do not touch stewardship still change at once.
        var moderator = await app.NewMemberAsync("moderator");
        await moderator.JoinAsync(slug);
        await (await SetRoleAsync(first, slug, moderator, "Moderator")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Removing_a_steward_waits_too_and_a_declined_change_changes_nothing()
    {
        var (first, second, slug, _) = await TwoStewardsAsync();
        var pending = await (await SetRoleAsync(first, slug, second, "Member")).ShouldBe(HttpStatusCode.Accepted);
        var id = pending["id"]!.GetValue<long>();
        var declined = await (await DecideAsync(second, slug, id, "decline")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Declined", declined["state"]!.GetValue<string>());
        Assert.Equal("Steward", await RoleOfAsync(first, slug, second));
        await (await DecideAsync(first, slug, id, "confirm")).ShouldFail(HttpStatusCode.Conflict);
        await (await DecideAsync(first, slug, 987654321, "confirm")).ShouldFail(HttpStatusCode.NotFound);

        // Asked again, and confirmed by the steward it concerns: they may step down.
        var again = await (await SetRoleAsync(first, slug, second, "Member")).ShouldBe(HttpStatusCode.Accepted);
        await (await DecideAsync(second, slug, again["id"]!.GetValue<long>(), "confirm")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Member", await RoleOfAsync(first, slug, second));
    }

    [Fact]
    public async Task A_community_keeps_a_steward_through_confirmations()
    {
        var (first, second, slug, member) = await TwoStewardsAsync();
        var demoteSecond = (await (await SetRoleAsync(first, slug, second, "Member")).ShouldBe(HttpStatusCode.Accepted))["id"]!.GetValue<long>();
        var demoteFirst = (await (await SetRoleAsync(second, slug, first, "Member")).ShouldBe(HttpStatusCode.Accepted))["id"]!.GetValue<long>();

        await (await DecideAsync(first, slug, demoteFirst, "confirm")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Member", await RoleOfAsync(second, slug, first));
        // The second steward is the last one now: their own demotion cannot go through, and the former steward decides nothing.
        var refused = await (await DecideAsync(second, slug, demoteSecond, "confirm")).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("always has a steward", refused["title"]!.GetValue<string>());
        await (await DecideAsync(first, slug, demoteSecond, "confirm")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal("Steward", await RoleOfAsync(second, slug, second));
        // And the lone steward cannot be removed directly either.
        await (await SetRoleAsync(second, slug, second, "Member")).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal("Member", await RoleOfAsync(second, slug, member));
    }

    [Fact]
    public async Task Only_stewards_see_and_decide_steward_changes()
    {
        var (first, _, slug, member) = await TwoStewardsAsync();
        var newcomer = await app.NewMemberAsync("newcomer");
        await newcomer.JoinAsync(slug);
        var id = (await (await SetRoleAsync(first, slug, newcomer, "Steward")).ShouldBe(HttpStatusCode.Accepted))["id"]!.GetValue<long>();
        var outsider = await app.NewMemberAsync("outsider");
        foreach (var who in new[] { member, outsider, newcomer })
        {
            await (await who.GetAsync($"/api/v1/communities/{slug}/steward-changes")).ShouldFail(HttpStatusCode.NotFound);
            await (await DecideAsync(who, slug, id, "confirm")).ShouldFail(HttpStatusCode.NotFound);
            await (await DecideAsync(who, slug, id, "decline")).ShouldFail(HttpStatusCode.NotFound);
        }
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/steward-changes")).ShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal("Member", await RoleOfAsync(first, slug, newcomer));
        // Moderators are not stewards either.
        await (await SetRoleAsync(first, slug, member, "Moderator")).ShouldBe(HttpStatusCode.OK);
        await (await DecideAsync(member, slug, id, "confirm")).ShouldFail(HttpStatusCode.NotFound);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class StewardChangesOnSqlite(SqliteApp app) : StewardChangesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class StewardChangesOnPostgres(PostgresApp app) : StewardChangesSpec(app);
