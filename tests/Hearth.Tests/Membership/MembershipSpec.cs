using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Membership;

public abstract class MembershipSpec(HearthApp app)
{
    // ---- joining ----

    [Fact]
    public async Task Joining_an_open_community_makes_an_active_member_at_once()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();

        Assert.Equal("Active", await member.JoinAsync(slug));

        var community = await member.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Active", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal("Member", community["viewer"]!["role"]!.GetValue<string>());
        Assert.Equal(2, community["memberCount"]!.GetValue<int>());
        var members = await member.GetJsonAsync($"/api/v1/communities/{slug}/members");
        var me = Item(members, member.UserName);
        Assert.Equal("Member", me["role"]!.GetValue<string>());
        Assert.NotNull(me["displayName"]);
        Assert.NotNull(me["joinedAt"]);
    }

    [Fact]
    public async Task Joining_records_the_rules_version_accepted()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { rules = "1. Be kind.\n2. Be brief." })).ShouldBe(HttpStatusCode.OK);
        var member = await app.NewMemberAsync();

        await (await member.PostAsync($"/api/v1/communities/{slug}/join", new { acceptRulesVersion = 2 })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(2, await ScalarAsync<int>(
            "SELECT m.rules_version_accepted FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = @Slug AND m.user_id = @Id AND m.rules_accepted_at IS NOT NULL",
            new { Slug = slug, member.Id }));
    }

    [Fact]
    public async Task Joining_with_an_old_rules_version_is_refused_and_writes_nothing()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { rules = "1. Be kind.\n2. Be brief." })).ShouldBe(HttpStatusCode.OK);
        var member = await app.NewMemberAsync();

        await (await member.PostAsync($"/api/v1/communities/{slug}/join", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.Conflict);
        await (await member.PostAsync($"/api/v1/communities/{slug}/join", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, await MembershipRowsAsync(slug, member.Id));
        Assert.Equal(1, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Joining_an_invitation_community_without_an_invitation_is_refused()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var member = await app.NewMemberAsync();

        await (await member.PostAsync($"/api/v1/communities/{slug}/join", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.Forbidden);

        Assert.Equal(0, await MembershipRowsAsync(slug, member.Id));
    }

    // ---- requests ----

    [Fact]
    public async Task Asking_to_join_creates_a_request_that_a_steward_approves()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var asker = await app.NewMemberAsync("asker");

        Assert.Equal("Requested", await asker.JoinAsync(slug));
        Assert.Equal(1, (await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
        Assert.DoesNotContain(asker.UserName, Names(await steward.GetJsonAsync($"/api/v1/communities/{slug}/members")));

        var requests = await steward.GetJsonAsync($"/api/v1/communities/{slug}/requests");
        var request = Item(requests, asker.UserName);
        Assert.NotNull(request["requestedAt"]);
        Assert.Null(requests["next"]?.GetValue<string>());
        var id = request["id"]!.GetValue<long>();

        var approved = await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Active", approved["state"]!.GetValue<string>());

        var community = await asker.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Active", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(2, community["memberCount"]!.GetValue<int>());
        Assert.Contains(asker.UserName, Names(await steward.GetJsonAsync($"/api/v1/communities/{slug}/members")));
        Assert.Empty((await steward.GetJsonAsync($"/api/v1/communities/{slug}/requests"))["items"]!.AsArray());
        // Approving twice finds no request any more, and counts nobody twice.
        await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/{id}/approve", new { })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(2, (await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_moderator_may_decline_a_request()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var moderator = await JoinedWithRoleAsync(steward, slug, "Moderator");
        var asker = await app.NewMemberAsync("asker");
        await asker.JoinAsync(slug);
        var id = Item(await moderator.GetJsonAsync($"/api/v1/communities/{slug}/requests"), asker.UserName)["id"]!.GetValue<long>();

        var declined = await (await moderator.PostAsync($"/api/v1/communities/{slug}/requests/{id}/decline", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("Declined", declined["state"]!.GetValue<string>());
        var community = await asker.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Declined", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(2, community["memberCount"]!.GetValue<int>());
        Assert.Empty((await moderator.GetJsonAsync($"/api/v1/communities/{slug}/requests"))["items"]!.AsArray());
        Assert.Equal(1, await ScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log a JOIN communities c ON c.id = a.community_id WHERE c.slug = @Slug AND a.action = 'decline_member' AND a.target = @Target",
            new { Slug = slug, Target = asker.UserName }));
    }

    [Fact]
    public async Task Only_stewards_and_moderators_see_and_decide_requests()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var member = await JoinedWithRoleAsync(steward, slug, "Member");
        var outsider = await app.NewMemberAsync("outsider");
        var asker = await app.NewMemberAsync("asker");
        await asker.JoinAsync(slug);
        var id = Item(await steward.GetJsonAsync($"/api/v1/communities/{slug}/requests"), asker.UserName)["id"]!.GetValue<long>();

        foreach (var who in new[] { member, outsider, asker })
        {
            await (await who.GetAsync($"/api/v1/communities/{slug}/requests")).ShouldFail(HttpStatusCode.NotFound);
            await (await who.PostAsync($"/api/v1/communities/{slug}/requests/{id}/approve", new { })).ShouldFail(HttpStatusCode.Forbidden);
            await (await who.PostAsync($"/api/v1/communities/{slug}/requests/{id}/decline", new { })).ShouldFail(HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/requests")).StatusCode);

        Assert.Equal("Requested", (await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_or_foreign_request_ids_answer_404()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var other = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var asker = await app.NewMemberAsync("asker");
        await asker.JoinAsync(other);
        var foreign = Item(await steward.GetJsonAsync($"/api/v1/communities/{other}/requests"), asker.UserName)["id"]!.GetValue<long>();
        var stewardship = await ScalarAsync<long>(
            "SELECT m.id FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = @Slug AND m.user_id = @Id", new { Slug = slug, steward.Id });

        await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/999999999/approve", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/{foreign}/approve", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync($"/api/v1/communities/{slug}/requests/{stewardship}/decline", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.PostAsync($"/api/v1/communities/nosuchplace/requests/{foreign}/approve", new { })).ShouldFail(HttpStatusCode.NotFound);

        Assert.Equal("Requested", (await asker.GetJsonAsync($"/api/v1/communities/{other}"))["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal("Active", await ScalarAsync<string>("SELECT state FROM memberships WHERE id = @Id", new { Id = stewardship }));
    }

    [Fact]
    public async Task Withdrawing_a_request_takes_it_off_the_queue()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var asker = await app.NewMemberAsync("asker");
        await asker.JoinAsync(slug);

        await (await asker.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Empty((await steward.GetJsonAsync($"/api/v1/communities/{slug}/requests"))["items"]!.AsArray());
        Assert.Null((await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]?.GetValue<string>());
    }

    // ---- invitations ----

    [Fact]
    public async Task An_invitation_to_a_user_name_is_accepted_once_by_that_user()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var stranger = await app.NewMemberAsync("stranger");

        var created = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = invitee.UserName })).ShouldBe(HttpStatusCode.Created);
        var token = created["token"]!.GetValue<string>();
        Assert.Equal($"/invitations/{token}", created["url"]!.GetValue<string>());

        var shown = await (await app.CreateClient().GetAsync($"/api/v1/invitations/{token}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(slug, shown["community"]!["slug"]!.GetValue<string>());
        Assert.Equal("1. Be kind.", shown["community"]!["rules"]!.GetValue<string>());
        Assert.Equal(1, shown["community"]!["rulesVersion"]!.GetValue<int>());
        Assert.NotNull(shown["community"]!["name"]);
        Assert.NotNull(shown["community"]!["purpose"]);
        var expiresAt = shown["expiresAt"]!.GetValue<DateTime>();
        Assert.InRange(expiresAt, DateTime.UtcNow.AddDays(13.9), DateTime.UtcNow.AddDays(14.1));

        await (await stranger.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.NotFound);
        var accepted = await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Active", accepted["state"]!.GetValue<string>());

        var community = await invitee.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Active", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(2, community["memberCount"]!.GetValue<int>());
        Assert.Equal(1, await ScalarAsync<int>(
            "SELECT m.rules_version_accepted FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = @Slug AND m.user_id = @Id",
            new { Slug = slug, invitee.Id }));

        // Single use: a replay fails, whoever sends it, and the stranger still cannot get in.
        var replay = await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("used", replay["title"]!.GetValue<string>());
        await (await stranger.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(0, await MembershipRowsAsync(slug, stranger.Id));
        Assert.Equal(2, (await invitee.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invitation_to_an_email_is_accepted_by_the_account_with_that_email_in_any_case()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var stranger = await app.NewMemberAsync("stranger");

        var created = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { email = invitee.Email.ToUpperInvariant() })).ShouldBe(HttpStatusCode.Created);
        var token = created["token"]!.GetValue<string>();

        await (await stranger.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.NotFound);
        await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);

        Assert.Contains(invitee.UserName, Names(await invitee.GetJsonAsync($"/api/v1/communities/{slug}/members")));
        Assert.Equal(0, await MembershipRowsAsync(slug, stranger.Id));
    }

    [Fact]
    public async Task Invitation_tokens_are_stored_hashed()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var invitee = await app.NewMemberAsync("invitee");

        var token = (await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = invitee.UserName })).ShouldBe(HttpStatusCode.Created))["token"]!.GetValue<string>();

        var stored = await ScalarAsync<string>(
            "SELECT i.token_hash FROM invitations i JOIN communities c ON c.id = i.community_id WHERE c.slug = @Slug", new { Slug = slug });
        Assert.NotEqual(token, stored);
        Assert.Equal(Hearth.Platform.Security.Tokens.Hash(token), stored);
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_accepted()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var token = await InviteAsync(steward, slug, new { userName = invitee.UserName });

        await using (var connection = await app.Db.OpenAsync())
            await connection.ExecuteAsync("UPDATE invitations SET expires_at = @Past WHERE token_hash = @Hash",
                new { Past = DateTime.UtcNow.AddDays(-1), Hash = Hearth.Platform.Security.Tokens.Hash(token) });

        var expired = await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("expired", expired["title"]!.GetValue<string>());
        Assert.Equal(0, await MembershipRowsAsync(slug, invitee.Id));
        Assert.True((await (await app.CreateClient().GetAsync($"/api/v1/invitations/{token}")).ShouldBe(HttpStatusCode.OK))["expired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Accepting_with_the_wrong_rules_version_is_refused_and_the_invitation_stays_usable()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var token = await InviteAsync(steward, slug, new { userName = invitee.UserName });

        await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 7 })).ShouldFail(HttpStatusCode.Conflict);
        await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await MembershipRowsAsync(slug, invitee.Id));

        await (await invitee.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_active_member_is_not_invited_and_cannot_accept_again()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await JoinedWithRoleAsync(steward, slug, "Member");

        await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldFail(HttpStatusCode.Conflict);
        var token = await InviteAsync(steward, slug, new { email = member.Email });
        var again = await (await member.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains("already a member", again["title"]!.GetValue<string>());

        Assert.Equal(2, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Inviting_needs_exactly_one_known_user_name_or_a_valid_email_and_bad_input_writes_nothing()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var someone = await app.NewMemberAsync();
        var url = $"/api/v1/communities/{slug}/invitations";

        var both = await (await steward.PostAsync(url, new { userName = someone.UserName, email = someone.Email })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(both["errors"]!["userName"]);
        Assert.NotNull(both["errors"]!["email"]);
        var neither = await (await steward.PostAsync(url, new { })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(neither["errors"]!["userName"]);
        await (await steward.PostAsync(url, new { userName = " ", email = "" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var unknown = await (await steward.PostAsync(url, new { userName = "nobody_" + Guid.NewGuid().ToString("n")[..8] })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unknown["errors"]!["userName"]);
        var badEmail = await (await steward.PostAsync(url, new { email = "not an address" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badEmail["errors"]!["email"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.Http.PostAsync(url, Api.RawJson("{\"userName\": "))).StatusCode);

        Assert.Equal(0, await ScalarAsync<int>(
            "SELECT COUNT(*) FROM invitations i JOIN communities c ON c.id = i.community_id WHERE c.slug = @Slug", new { Slug = slug }));
    }

    [Fact]
    public async Task Only_stewards_and_moderators_invite()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var secret = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var moderator = await JoinedWithRoleAsync(steward, slug, "Moderator");
        var member = await JoinedWithRoleAsync(steward, slug, "Member");
        var invitee = await app.NewMemberAsync("invitee");

        await (await member.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = invitee.UserName })).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.PostAsync($"/api/v1/communities/{secret}/invitations", new { userName = invitee.UserName })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/communities/{slug}/invitations", Api.RawJson("{\"userName\":\"x\"}"))).StatusCode);
        await (await moderator.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = invitee.UserName })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_invitation_tokens_answer_404_and_accepting_needs_a_signed_in_person()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Invitation");
        var invitee = await app.NewMemberAsync("invitee");
        var token = await InviteAsync(steward, slug, new { userName = invitee.UserName });
        var anonymous = app.CreateClient();

        await (await anonymous.GetAsync("/api/v1/invitations/inv_nosuchtoken")).ShouldFail(HttpStatusCode.NotFound);
        await (await invitee.PostAsync("/api/v1/invitations/inv_nosuchtoken/accept", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/invitations/{token}/accept", Api.RawJson("{\"acceptRulesVersion\":1}"))).StatusCode);
        Assert.Equal(0, await MembershipRowsAsync(slug, invitee.Id));
    }

    [Fact]
    public async Task A_private_community_is_unknown_to_outsiders_and_reached_only_by_invitation()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Open"; });
        var outsider = await app.NewMemberAsync("outsider");
        var anonymous = app.CreateClient();

        await (await outsider.GetAsync($"/api/v1/communities/{slug}")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/communities/{slug}/members")).ShouldFail(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/communities/{slug}/members")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/join", new { acceptRulesVersion = 1 })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Member" })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(0, await MembershipRowsAsync(slug, outsider.Id));

        var token = await InviteAsync(steward, slug, new { userName = outsider.UserName });
        await (await outsider.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);

        Assert.Contains(outsider.UserName, Names(await outsider.GetJsonAsync($"/api/v1/communities/{slug}/members")));
    }

    // ---- members and roles ----

    [Fact]
    public async Task Restricted_and_private_member_lists_are_for_active_members_only()
    {
        var steward = await app.NewMemberAsync("steward");
        var open = await steward.NewCommunityAsync();
        var restricted = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var outsider = await app.NewMemberAsync("outsider");
        var anonymous = app.CreateClient();

        var list = await (await anonymous.GetAsync($"/api/v1/communities/{open}/members")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(new[] { steward.UserName }, Names(list));
        Assert.Equal("Steward", list["items"]![0]!["role"]!.GetValue<string>());

        await outsider.GetJsonAsync($"/api/v1/communities/{restricted}");
        await (await outsider.GetAsync($"/api/v1/communities/{restricted}/members")).ShouldFail(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/communities/{restricted}/members")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(new[] { steward.UserName }, Names(await steward.GetJsonAsync($"/api/v1/communities/{restricted}/members")));
    }

    [Fact]
    public async Task Leaving_ends_access_at_once()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Restricted");
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        await member.GetJsonAsync($"/api/v1/communities/{slug}/members");

        var left = await (await member.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("Left", left["state"]!.GetValue<string>());
        await (await member.GetAsync($"/api/v1/communities/{slug}/members")).ShouldFail(HttpStatusCode.NotFound);
        var community = await member.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal("Left", community["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(1, community["memberCount"]!.GetValue<int>());
        Assert.DoesNotContain(member.UserName, Names(await steward.GetJsonAsync($"/api/v1/communities/{slug}/members")));
        // Leaving twice is not counted twice.
        await (await member.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal(1, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_moderator_who_leaves_loses_the_role_with_the_membership()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var moderator = await JoinedWithRoleAsync(steward, slug, "Moderator");

        await (await moderator.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);

        await (await moderator.GetAsync($"/api/v1/communities/{slug}/requests")).ShouldFail(HttpStatusCode.NotFound);
        await (await moderator.PostAsync($"/api/v1/communities/{slug}/invitations", new { email = "x@example.test" })).ShouldFail(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stewards_change_roles_and_each_change_is_audited()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await JoinedWithRoleAsync(steward, slug, "Member");

        var changed = await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName.ToUpperInvariant()}/role", new { role = "Moderator" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("Moderator", changed["role"]!.GetValue<string>());
        Assert.Equal(member.UserName, changed["userName"]!.GetValue<string>());
        Assert.Equal("Moderator", Item(await steward.GetJsonAsync($"/api/v1/communities/{slug}/members"), member.UserName)["role"]!.GetValue<string>());
        Assert.Equal("Moderator", (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["role"]!.GetValue<string>());
        var detail = await ScalarAsync<string>(
            "SELECT a.detail FROM audit_log a JOIN communities c ON c.id = a.community_id WHERE c.slug = @Slug AND a.action = 'change_role' AND a.target = @Target AND a.actor_id = @Actor",
            new { Slug = slug, Target = member.UserName, Actor = steward.Id });
        Assert.Contains("Moderator", detail);

        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role = "Steward" })).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(member.UserName, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["stewards"].Strings());
    }

    [Fact]
    public async Task A_non_steward_cannot_change_roles()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var moderator = await JoinedWithRoleAsync(steward, slug, "Moderator");
        var member = await JoinedWithRoleAsync(steward, slug, "Member");
        var outsider = await app.NewMemberAsync("outsider");
        var before = await AuditRowsAsync(slug, "change_role");

        await (await moderator.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role = "Moderator" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await member.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role = "Steward" })).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Member" })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", Api.RawJson("{\"role\":\"Steward\"}"))).StatusCode);

        var members = await steward.GetJsonAsync($"/api/v1/communities/{slug}/members");
        Assert.Equal("Member", Item(members, member.UserName)["role"]!.GetValue<string>());
        Assert.Equal("Steward", Item(members, steward.UserName)["role"]!.GetValue<string>());
        Assert.Equal(before, await AuditRowsAsync(slug, "change_role"));
    }

    [Fact]
    public async Task An_invalid_role_is_refused_and_writes_nothing()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await JoinedWithRoleAsync(steward, slug, "Member");
        var url = $"/api/v1/communities/{slug}/members/{member.UserName}/role";
        var before = await AuditRowsAsync(slug, "change_role");

        foreach (var role in new object?[] { "Admin", "moderator", "1", "", null })
        {
            var problem = await (await steward.PutAsync(url, new { role })).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["role"]);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.Http.PutAsync(url, Api.RawJson("{\"role\": \"Mod"))).StatusCode);

        Assert.Equal("Member", Item(await steward.GetJsonAsync($"/api/v1/communities/{slug}/members"), member.UserName)["role"]!.GetValue<string>());
        Assert.Equal(before, await AuditRowsAsync(slug, "change_role"));
    }

    [Fact]
    public async Task Changing_the_role_of_someone_who_is_not_an_active_member_answers_404()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(c => c["joinPolicy"] = "Approval");
        var outsider = await app.NewMemberAsync("outsider");
        var asker = await app.NewMemberAsync("asker");
        await asker.JoinAsync(slug);
        var former = await JoinedWithRoleAsync(steward, slug, "Member");
        await (await former.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);

        foreach (var name in new[] { outsider.UserName, asker.UserName, former.UserName, "nobody_" + Guid.NewGuid().ToString("n")[..8] })
            await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{name}/role", new { role = "Moderator" })).ShouldFail(HttpStatusCode.NotFound);

        Assert.Equal("Requested", (await asker.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["state"]!.GetValue<string>());
        Assert.Equal(0, await MembershipRowsAsync(slug, outsider.Id));
    }

    [Fact]
    public async Task The_last_steward_can_neither_leave_nor_be_demoted()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await JoinedWithRoleAsync(steward, slug, "Member");

        await (await steward.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Member" })).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Moderator" })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal(new[] { steward.UserName }, (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["stewards"].Strings());

        // Once stewardship is shared, it can be handed on.
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role = "Steward" })).ShouldBe(HttpStatusCode.OK);
        await (await member.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", new { role = "Member" })).ShouldBe(HttpStatusCode.OK);
        await (await member.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.PostAsync($"/api/v1/communities/{slug}/leave", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(new[] { member.UserName }, (await member.GetJsonAsync($"/api/v1/communities/{slug}"))["stewards"].Strings());
    }

    [Fact]
    public async Task Two_stewards_leaving_at_once_leave_one_behind()
    {
        // Several rounds, because one pair of requests does not always overlap.
        for (var round = 0; round < 8; round++)
        {
            var steward = await app.NewMemberAsync("steward");
            var slug = await steward.NewCommunityAsync();
            var second = await JoinedWithRoleAsync(steward, slug, "Steward");

            var responses = await Task.WhenAll(
                steward.PostAsync($"/api/v1/communities/{slug}/leave", new { }),
                second.PostAsync($"/api/v1/communities/{slug}/leave", new { }));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
            Assert.Single(community["stewards"].Strings());
            Assert.Equal(1, community["memberCount"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_member_list_is_keyset_paginated()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var joined = new List<string> { steward.UserName };
        for (var i = 0; i < 4; i++)
        {
            var member = await app.NewMemberAsync();
            await member.JoinAsync(slug);
            joined.Add(member.UserName);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await steward.GetJsonAsync($"/api/v1/communities/{slug}/members?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page["items"]!.AsArray().Count <= 2);
            seen.AddRange(Names(page));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(joined, seen);
        await (await steward.GetAsync($"/api/v1/communities/{slug}/members?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.GetAsync($"/api/v1/communities/{slug}/members?cursor=" + Hearth.Platform.Web.Page.Encode("x|y"))).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_writes_nothing()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        var broken = "{\"acceptRulesVersion\": ";

        Assert.Equal(HttpStatusCode.BadRequest, (await member.Http.PostAsync($"/api/v1/communities/{slug}/join", Api.RawJson(broken))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.Http.PostAsync($"/api/v1/communities/{slug}/invitations", Api.RawJson(broken))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.Http.PutAsync($"/api/v1/communities/{slug}/members/{steward.UserName}/role", Api.RawJson(broken))).StatusCode);
        var token = await InviteAsync(steward, slug, new { userName = member.UserName });
        Assert.Equal(HttpStatusCode.BadRequest, (await member.Http.PostAsync($"/api/v1/invitations/{token}/accept", Api.RawJson(broken))).StatusCode);

        Assert.Equal(0, await MembershipRowsAsync(slug, member.Id));
        Assert.Equal(1, await ScalarAsync<int>(
            "SELECT COUNT(*) FROM invitations i JOIN communities c ON c.id = i.community_id WHERE c.slug = @Slug", new { Slug = slug }));
    }

    [Fact]
    public async Task The_membership_routes_are_in_the_openapi_document()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/communities/{slug}/members", "/api/v1/communities/{slug}/members/{userName}/role",
            "/api/v1/communities/{slug}/requests", "/api/v1/communities/{slug}/requests/{id}/approve",
            "/api/v1/communities/{slug}/requests/{id}/decline", "/api/v1/communities/{slug}/invitations",
            "/api/v1/invitations/{token}", "/api/v1/invitations/{token}/accept",
        })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
            foreach (var (_, operation) in paths[path]!.AsObject())
                Assert.False(string.IsNullOrWhiteSpace(operation?["summary"]?.GetValue<string>()), $"{path} needs a summary");
        }
    }

    // ---- helpers ----

    private async Task<Member> JoinedWithRoleAsync(Member steward, string slug, string role)
    {
        var member = await app.NewMemberAsync(role.ToLowerInvariant());
        var token = await InviteAsync(steward, slug, new { userName = member.UserName });
        var version = await ScalarAsync<int>("SELECT rules_version FROM communities WHERE slug = @Slug", new { Slug = slug });
        await (await member.PostAsync($"/api/v1/invitations/{token}/accept", new { acceptRulesVersion = version })).ShouldBe(HttpStatusCode.OK);
        if (role != "Member")
            await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/role", new { role })).ShouldBe(HttpStatusCode.OK);
        return member;
    }

    private static async Task<string> InviteAsync(Member by, string slug, object body) =>
        (await (await by.PostAsync($"/api/v1/communities/{slug}/invitations", body)).ShouldBe(HttpStatusCode.Created))["token"]!.GetValue<string>();

    private static JsonNode Item(JsonNode page, string userName) =>
        page["items"]!.AsArray().FirstOrDefault(i => i!["userName"]!.GetValue<string>() == userName)
        ?? throw new Xunit.Sdk.XunitException($"{userName} is not in {page.ToJsonString()}");

    private static string[] Names(JsonNode page) => [.. page["items"]!.AsArray().Select(i => i!["userName"]!.GetValue<string>())];

    private Task<int> MembershipRowsAsync(string slug, long userId) => ScalarAsync<int>(
        "SELECT COUNT(*) FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = @Slug AND m.user_id = @UserId",
        new { Slug = slug, UserId = userId });

    private Task<int> AuditRowsAsync(string slug, string action) => ScalarAsync<int>(
        "SELECT COUNT(*) FROM audit_log a JOIN communities c ON c.id = a.community_id WHERE c.slug = @Slug AND a.action = @Action",
        new { Slug = slug, Action = action });

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class MembershipOnSqlite(SqliteApp app) : MembershipSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class MembershipOnPostgres(PostgresApp app) : MembershipSpec(app);
