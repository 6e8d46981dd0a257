using System.Net;
using System.Text.Json.Nodes;
using Hearth.Features.Governance;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Governance;

public abstract class ProposalsSpec(HearthApp app)
{
    /// <summary>A steward and <paramref name="members"/> members who joined: members + 1 active in all.</summary>
    private async Task<(Member Steward, string Slug, Member[] Members)> CommunityAsync(int members, Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(with);
        return (steward, slug, await app.MembersOfAsync(slug, members));
    }

    private static long Id(JsonNode node) => node["id"]!.GetValue<long>();
    private static string State(JsonNode node) => node["state"]!.GetValue<string>();

    [Fact]
    public async Task A_stewards_proposal_opens_at_once_passes_after_the_period_and_every_member_is_told()
    {
        var (steward, slug, members) = await CommunityAsync(4);
        var before = DateTime.UtcNow;
        var proposal = await steward.ProposeOkAsync(slug, new { purpose = "To share what we know, **and learn**." });
        Assert.Equal("Open", State(proposal));
        Assert.Equal("To share what we **know**.", proposal["before"]!["purpose"]!.GetValue<string>());
        Assert.Equal("To share what we know, **and learn**.", proposal["change"]!["purpose"]!.GetValue<string>());
        Assert.Null(proposal["change"]!["rules"]?.GetValue<string>());
        Assert.InRange(proposal["endsAt"]!.GetValue<DateTime>(), before.AddDays(7).AddMinutes(-1), DateTime.UtcNow.AddDays(7).AddMinutes(1));
        Assert.Equal((5, 20, 1, 50), (proposal["activeMembers"]!.GetValue<int>(), proposal["quorumPercent"]!.GetValue<int>(),
            proposal["quorumNeeded"]!.GetValue<int>(), proposal["thresholdPercent"]!.GetValue<int>()));
        var id = Id(proposal);

        // Its discussion topic is in the community's Discussion space, started by the proposer.
        var topic = await steward.GetJsonAsync($"/api/v1/topics/{proposal["topicId"]!.GetValue<long>()}");
        Assert.Equal("Proposal: Sharpen our purpose", topic["title"]!.GetValue<string>());
        Assert.Equal(proposal["topicUrl"]!.GetValue<string>(), topic["url"]!.GetValue<string>());

        await members[0].VoteOkAsync(id, "Yes");
        await members[1].VoteOkAsync(id, "Yes");
        var voted = await members[2].VoteOkAsync(id, "No");
        Assert.Equal((2, 1, 3, "No"), (voted["yes"]!.GetValue<int>(), voted["no"]!.GetValue<int>(), voted["votesCast"]!.GetValue<int>(), voted["myVote"]!.GetValue<string>()));
        Assert.Equal("Yes", (await members[0].GetJsonAsync($"/api/v1/proposals/{id}"))["myVote"]!.GetValue<string>());
        Assert.Null((await members[3].GetJsonAsync($"/api/v1/proposals/{id}"))["myVote"]?.GetValue<string>());
        // Nothing changes while the vote runs.
        Assert.Equal(0, await app.Services.GetRequiredService<CloseProposals>().RunOnceAsync());
        Assert.Equal(1, (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["rulesVersion"]!.GetValue<int>());

        Assert.Equal(1, await app.EndVotingAsync(id));
        var closed = await steward.GetJsonAsync($"/api/v1/proposals/{id}");
        Assert.Equal(("Passed", "Passed", 2), (State(closed), closed["outcome"]!.GetValue<string>(), closed["appliedVersion"]!.GetValue<int>()));
        Assert.Equal((2, 1), (closed["yes"]!.GetValue<int>(), closed["no"]!.GetValue<int>()));
        Assert.Equal("To share what we **know**.", closed["before"]!["purpose"]!.GetValue<string>());

        var community = await members[3].GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal(2, community["rulesVersion"]!.GetValue<int>());
        Assert.Equal("To share what we know, **and learn**.", community["purpose"]!.GetValue<string>());
        Assert.Equal("Kindness and curiosity.", community["values"]!.GetValue<string>());
        Assert.Equal("Public", community["visibility"]!.GetValue<string>());
        var version = (await members[3].GetJsonAsync($"/api/v1/communities/{slug}/versions"))["items"]![0]!;
        Assert.Equal((2, id, steward.UserName), (version["version"]!.GetValue<int>(), version["proposalId"]!.GetValue<long>(), version["editedBy"]!.GetValue<string>()));

        // Every active member hears it passed — voters, the one who did not vote, and the proposer.
        foreach (var member in members.Append(steward))
        {
            var told = await member.NotificationAsync("proposal_passed");
            Assert.NotNull(told);
            Assert.Contains("purpose changed (charter version 2)", told!["text"]!.GetValue<string>());
            Assert.Equal($"/c/{slug}/proposals/{id}", told["url"]!.GetValue<string>());
        }
        Assert.Contains("proposal_open", await members[3].NotificationKindsAsync());
        // The closing pass does it once.
        Assert.Equal(0, await app.Services.GetRequiredService<CloseProposals>().RunOnceAsync());
        Assert.Equal(2, (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["rulesVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_proposal_without_quorum_fails_and_nothing_changes()
    {
        var (steward, slug, members) = await CommunityAsync(4);
        await steward.SetGovernanceAsync(slug, new { quorumPercent = 60 });
        var proposal = await steward.ProposeOkAsync(slug, new { rules = "1. Be kind.\n2. Cite sources." });
        Assert.Equal(3, proposal["quorumNeeded"]!.GetValue<int>());
        await members[0].VoteOkAsync(Id(proposal), "Yes");
        await members[1].VoteOkAsync(Id(proposal), "Yes");

        await app.EndVotingAsync(Id(proposal));
        var closed = await steward.GetJsonAsync($"/api/v1/proposals/{Id(proposal)}");
        Assert.Equal(("Failed", "NoQuorum"), (State(closed), closed["outcome"]!.GetValue<string>()));
        Assert.Contains("no quorum", closed["summary"]!.GetValue<string>());
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal((1, "1. Be kind."), (community["rulesVersion"]!.GetValue<int>(), community["rules"]!.GetValue<string>()));
        Assert.Single((await steward.GetJsonAsync($"/api/v1/communities/{slug}/versions"))["items"]!.AsArray());

        // The proposer and the voters are told why; a member who took no part is not.
        foreach (var told in new[] { members[0], members[1] })
            Assert.Contains("no quorum", (await told.NotificationAsync("proposal_failed"))!["text"]!.GetValue<string>());
        Assert.NotNull(await steward.NotificationAsync("proposal_failed"));
        Assert.Null(await members[2].NotificationAsync("proposal_failed"));
    }

    [Fact]
    public async Task A_proposal_without_more_than_the_threshold_of_yes_fails_and_nothing_changes()
    {
        var (steward, slug, members) = await CommunityAsync(4);
        var proposal = await steward.ProposeOkAsync(slug, new { visibility = "Restricted", joinPolicy = "Approval" });
        await members[0].VoteOkAsync(Id(proposal), "Yes");
        await members[1].VoteOkAsync(Id(proposal), "Yes");
        await members[2].VoteOkAsync(Id(proposal), "No");
        await members[3].VoteOkAsync(Id(proposal), "No");

        await app.EndVotingAsync(Id(proposal));
        var closed = await steward.GetJsonAsync($"/api/v1/proposals/{Id(proposal)}");
        // Half is not more than half.
        Assert.Equal(("Failed", "NotEnoughYes"), (State(closed), closed["outcome"]!.GetValue<string>()));
        Assert.Contains("not enough Yes", closed["summary"]!.GetValue<string>());
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal(("Public", "Open", 1), (community["visibility"]!.GetValue<string>(), community["joinPolicy"]!.GetValue<string>(), community["rulesVersion"]!.GetValue<int>()));
        Assert.Contains("not enough Yes", (await members[3].NotificationAsync("proposal_failed"))!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_passed_change_of_visibility_applies_without_a_charter_version_and_only_its_own_fields()
    {
        var (steward, slug, members) = await CommunityAsync(2);
        var rules = await steward.ProposeOkAsync(slug, new { rules = "1. Be kind.\n2. Be brief." }, "Brevity");
        var visibility = await steward.ProposeOkAsync(slug, new { visibility = "Restricted" }, "Members only");
        // Meanwhile a steward edits the purpose by hand: the proposal about the rules leaves it be.
        await (await steward.PatchAsync($"/api/v1/communities/{slug}", new { purpose = "A new purpose." })).ShouldBe(HttpStatusCode.OK);
        foreach (var id in new[] { Id(rules), Id(visibility) }) await members[0].VoteOkAsync(id, "Yes");

        await app.EndVotingAsync(Id(rules));
        await app.EndVotingAsync(Id(visibility));
        var community = await steward.GetJsonAsync($"/api/v1/communities/{slug}");
        Assert.Equal((3, "A new purpose.", "1. Be kind.\n2. Be brief.", "Restricted"), (community["rulesVersion"]!.GetValue<int>(),
            community["purpose"]!.GetValue<string>(), community["rules"]!.GetValue<string>(), community["visibility"]!.GetValue<string>()));
        var closed = await steward.GetJsonAsync($"/api/v1/proposals/{Id(visibility)}");
        Assert.Equal("Passed", State(closed));
        Assert.Null(closed["appliedVersion"]?.GetValue<int>());
        Assert.Equal("Public", closed["before"]!["visibility"]!.GetValue<string>());
        Assert.Equal(3, (await steward.GetJsonAsync($"/api/v1/proposals/{Id(rules)}"))["appliedVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_members_proposal_needs_support_before_votes_are_accepted()
    {
        var (steward, slug, members) = await CommunityAsync(5);
        var proposer = members[0];
        var proposal = await proposer.ProposeOkAsync(slug, new { values = "Kindness, curiosity and patience." });
        var id = Id(proposal);
        Assert.Equal(("Gathering", 3, 0), (State(proposal), proposal["supportNeeded"]!.GetValue<int>(), proposal["supportCount"]!.GetValue<int>()));
        Assert.Null(proposal["endsAt"]?.GetValue<DateTime>());
        Assert.NotNull(await members[1].NotificationAsync("proposal_support"));

        await (await members[1].VoteAsync(id, "Yes")).ShouldFail(HttpStatusCode.Conflict);
        await (await proposer.SupportAsync(id)).ShouldFail(HttpStatusCode.Conflict);
        await (await (await app.NewMemberAsync("outsider")).SupportAsync(id)).ShouldFail(HttpStatusCode.Forbidden);
        var supported = await (await members[1].SupportAsync(id)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((1, true), (supported["supportCount"]!.GetValue<int>(), supported["mySupport"]!.GetValue<bool>()));
        await (await members[1].SupportAsync(id)).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.SupportAsync(id)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Gathering", State(await members[4].GetJsonAsync($"/api/v1/proposals/{id}")));
        var opened = await (await members[2].SupportAsync(id)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Open", State(opened));
        Assert.NotNull(opened["endsAt"]?.GetValue<DateTime>());
        await (await members[3].SupportAsync(id)).ShouldFail(HttpStatusCode.Conflict);
        Assert.NotNull(await proposer.NotificationAsync("proposal_open"));

        Assert.Equal(1, (await members[1].VoteOkAsync(id, "Yes"))["yes"]!.GetValue<int>());
        Assert.Equal(2, (await members[2].VoteOkAsync(id, "Yes"))["quorumNeeded"]!.GetValue<int>());
        await app.EndVotingAsync(id);
        Assert.Equal("Kindness, curiosity and patience.", (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["values"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_proposal_stands_without_a_discussion_topic_when_the_proposer_may_not_start_one()
    {
        var (_, slug, members) = await CommunityAsync(1);
        await app.ScalarAsync("UPDATE spaces SET who_can_start = 'Moderators' WHERE community_id = (SELECT id FROM communities WHERE slug = @Slug)", new { Slug = slug });
        var proposal = await members[0].ProposeOkAsync(slug, new { rules = "Fewer rules." });
        Assert.Equal("Gathering", State(proposal));
        Assert.Null(proposal["topicId"]?.GetValue<long>());
        Assert.Null(proposal["topicUrl"]?.GetValue<string>());
        var page = await Browser.Open(app).PageAsync(proposal["url"]!.GetValue<string>());
        Assert.NotNull(page.QuerySelector("[data-testid=no-discussion]"));
    }

    [Fact]
    public async Task With_no_support_needed_a_members_proposal_opens_at_once()
    {
        var (steward, slug, members) = await CommunityAsync(1);
        await steward.SetGovernanceAsync(slug, new { supportNeeded = 0 });
        Assert.Equal("Open", State(await members[0].ProposeOkAsync(slug, new { joinPolicy = "Approval" })));
    }

    [Fact]
    public async Task Members_vote_once_and_only_while_voting_is_open()
    {
        var (steward, slug, members) = await CommunityAsync(3);
        var id = Id(await steward.ProposeOkAsync(slug, new { joinPolicy = "Approval" }));
        await members[0].VoteOkAsync(id, "Yes");
        await (await members[0].VoteAsync(id, "No")).ShouldFail(HttpStatusCode.Conflict);
        await (await members[0].VoteAsync(id, "Yes")).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal((1, 0), ((await steward.GetJsonAsync($"/api/v1/proposals/{id}"))["yes"]!.GetValue<int>(), (await steward.GetJsonAsync($"/api/v1/proposals/{id}"))["no"]!.GetValue<int>()));

        foreach (var bad in new[] { """{"vote":"yes"}""", """{"vote":"Maybe"}""", """{"vote":"0"}""", """{}""" })
        {
            var problem = await (await members[1].Http.PostAsync($"/api/v1/proposals/{id}/vote", Api.RawJson(bad))).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["vote"]);
        }
        await (await members[1].Http.PostAsync($"/api/v1/proposals/{id}/vote", Api.RawJson("""{"vote":"""))).ShouldFail(HttpStatusCode.BadRequest);

        // The period is over: no more votes, even before the closing pass has run.
        await app.ScalarAsync("UPDATE proposals SET ends_at = @At WHERE id = @Id", new { At = DateTime.UtcNow.AddMinutes(-1), Id = id });
        await (await members[1].VoteAsync(id, "No")).ShouldFail(HttpStatusCode.Conflict);
        await app.Services.GetRequiredService<CloseProposals>().RunOnceAsync();
        await (await members[2].VoteAsync(id, "No")).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal("Approval", (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["joinPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Non_members_cannot_vote_and_outsiders_see_nothing_of_a_private_communitys_proposals()
    {
        var (steward, slug, members) = await CommunityAsync(1);
        var id = Id(await steward.ProposeOkAsync(slug, new { rules = "No rules." }));
        var outsider = await app.NewMemberAsync("outsider");
        // A Public community's proposals are for anyone to read, and for its members to decide.
        Assert.Equal("Open", State(await app.CreateClient().GetJsonAsync($"/api/v1/proposals/{id}")));
        Assert.Single((await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/proposals"))["items"]!.AsArray());
        await (await outsider.VoteAsync(id, "Yes")).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.ProposeAsync(slug, new { rules = "Mine." })).ShouldFail(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostAsync($"/api/v1/proposals/{id}/vote", Api.RawJson("""{"vote":"Yes"}"""))).ShouldBe(HttpStatusCode.Unauthorized);
        await members[0].LeaveAsync(slug);
        await (await members[0].VoteAsync(id, "Yes")).ShouldFail(HttpStatusCode.Forbidden);

        foreach (var visibility in new[] { "Private", "Restricted" })
        {
            var (hidden, hiddenSlug, insiders) = await CommunityAsync(1);
            await (await hidden.PatchAsync($"/api/v1/communities/{hiddenSlug}", new { visibility })).ShouldBe(HttpStatusCode.OK);
            var secret = Id(await hidden.ProposeOkAsync(hiddenSlug, new { purpose = "Our secret plan." }));
            Assert.Equal("Open", State(await insiders[0].GetJsonAsync($"/api/v1/proposals/{secret}")));
            foreach (var client in new[] { outsider.Http, app.CreateClient() })
            {
                await (await client.GetAsync($"/api/v1/proposals/{secret}")).ShouldFail(HttpStatusCode.NotFound);
                await (await client.GetAsync($"/api/v1/communities/{hiddenSlug}/proposals")).ShouldFail(HttpStatusCode.NotFound);
                await (await client.GetAsync($"/api/v1/communities/{hiddenSlug}/governance")).ShouldFail(HttpStatusCode.NotFound);
            }
            await (await outsider.VoteAsync(secret, "Yes")).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.SupportAsync(secret)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.PostAsync($"/api/v1/proposals/{secret}/withdraw", new { })).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.ProposeAsync(hiddenSlug, new { purpose = "Ours now." })).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.PutAsync($"/api/v1/communities/{hiddenSlug}/governance", new { votingDays = 3 })).ShouldFail(HttpStatusCode.NotFound);
            Assert.DoesNotContain("secret", (await outsider.GetJsonAsync("/api/v1/notifications")).ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Bad_proposals_are_refused_with_problem_details_and_leave_nothing_behind()
    {
        var (steward, slug, _) = await CommunityAsync(1);
        async Task RefusedAsync(object body, string field)
        {
            var problem = await (await steward.PostAsync($"/api/v1/communities/{slug}/proposals", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]?[field] is not null, $"Expected an error for {field}: {problem.ToJsonString()}");
        }
        await RefusedAsync(new { title = "Nothing at all", change = new { } }, "change");
        await RefusedAsync(new { title = "No change field" }, "change");
        await RefusedAsync(new { title = "", change = new { rules = "x" } }, "title");
        await RefusedAsync(new { title = "ab", change = new { rules = "x" } }, "title");
        await RefusedAsync(new { title = new string('t', 151), change = new { rules = "x" } }, "title");
        await RefusedAsync(new { title = "Secret", change = new { visibility = "Secret" } }, "visibility");
        await RefusedAsync(new { title = "Lower case", change = new { visibility = "public" } }, "visibility");
        await RefusedAsync(new { title = "Closed", change = new { joinPolicy = "Closed" } }, "joinPolicy");
        await RefusedAsync(new { title = "Blank purpose", change = new { purpose = "   " } }, "purpose");
        await RefusedAsync(new { title = "Long purpose", change = new { purpose = new string('p', 2_001) } }, "purpose");
        await RefusedAsync(new { title = "Long values", change = new { values = new string('v', 4_001) } }, "values");
        await RefusedAsync(new { title = "Long rules", change = new { rules = new string('r', 8_001) } }, "rules");
        await RefusedAsync(new { title = "Same again", change = new { visibility = "Public" } }, "visibility");
        await RefusedAsync(new { title = "Same purpose", change = new { purpose = " To share what we **know**. " } }, "purpose");
        await (await steward.Http.PostAsync($"/api/v1/communities/{slug}/proposals", Api.RawJson("""{"title":"""))).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.Http.PostAsync($"/api/v1/communities/{slug}/proposals", Api.RawJson("""{"title":"x","change":[]}"""))).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.ProposeAsync("no-such-community", new { rules = "x" })).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.GetAsync("/api/v1/proposals/987654321")).ShouldFail(HttpStatusCode.NotFound);
        await (await steward.GetAsync($"/api/v1/communities/{slug}/proposals?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);

        Assert.Empty((await steward.GetJsonAsync($"/api/v1/communities/{slug}/proposals"))["items"]!.AsArray());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM topics t JOIN communities c ON c.id = t.community_id WHERE c.slug = @Slug", new { Slug = slug }));
    }

    [Fact]
    public async Task Stewards_set_the_governance_settings_within_their_bounds()
    {
        var (steward, slug, members) = await CommunityAsync(1);
        var defaults = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/governance");
        Assert.Equal((7, 20, 50, 3, false), (defaults["votingDays"]!.GetValue<int>(), defaults["quorumPercent"]!.GetValue<int>(),
            defaults["thresholdPercent"]!.GetValue<int>(), defaults["supportNeeded"]!.GetValue<int>(), defaults["stewardConfirmation"]!.GetValue<bool>()));

        foreach (var (body, field) in new (object, string)[]
        {
            (new { votingDays = 0 }, "votingDays"), (new { votingDays = 61 }, "votingDays"),
            (new { quorumPercent = 0 }, "quorumPercent"), (new { quorumPercent = 101 }, "quorumPercent"),
            (new { thresholdPercent = 49 }, "thresholdPercent"), (new { thresholdPercent = 101 }, "thresholdPercent"),
            (new { supportNeeded = -1 }, "supportNeeded"), (new { supportNeeded = 1_001 }, "supportNeeded"),
        })
        {
            var problem = await (await steward.PutAsync($"/api/v1/communities/{slug}/governance", body)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]![field]);
        }
        await (await steward.Http.PutAsync($"/api/v1/communities/{slug}/governance", Api.RawJson("""{"votingDays":"seven"}"""))).ShouldFail(HttpStatusCode.BadRequest);
        await (await members[0].PutAsync($"/api/v1/communities/{slug}/governance", new { votingDays = 3 })).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(7, (await steward.GetJsonAsync($"/api/v1/communities/{slug}/governance"))["votingDays"]!.GetValue<int>());

        var set = await steward.SetGovernanceAsync(slug, new { votingDays = 14, quorumPercent = 40, thresholdPercent = 66, supportNeeded = 2, stewardConfirmation = true });
        Assert.Equal((14, 40, 66, 2, true), (set["votingDays"]!.GetValue<int>(), set["quorumPercent"]!.GetValue<int>(),
            set["thresholdPercent"]!.GetValue<int>(), set["supportNeeded"]!.GetValue<int>(), set["stewardConfirmation"]!.GetValue<bool>()));
        // Omitted fields stay as they are.
        var partial = await steward.SetGovernanceAsync(slug, new { votingDays = 60 });
        Assert.Equal((60, 40, true), (partial["votingDays"]!.GetValue<int>(), partial["quorumPercent"]!.GetValue<int>(), partial["stewardConfirmation"]!.GetValue<bool>()));
        Assert.Equal(60, (await members[0].GetJsonAsync($"/api/v1/communities/{slug}/governance"))["votingDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_vote_keeps_the_rules_it_opened_with_when_the_settings_change()
    {
        var (steward, slug, members) = await CommunityAsync(4);
        var id = Id(await steward.ProposeOkAsync(slug, new { joinPolicy = "Invitation" }));
        await steward.SetGovernanceAsync(slug, new { quorumPercent = 100, thresholdPercent = 100, votingDays = 30 });
        await members[0].VoteOkAsync(id, "Yes");
        var open = await steward.GetJsonAsync($"/api/v1/proposals/{id}");
        Assert.Equal((20, 50, 7, 1), (open["quorumPercent"]!.GetValue<int>(), open["thresholdPercent"]!.GetValue<int>(),
            open["votingDays"]!.GetValue<int>(), open["quorumNeeded"]!.GetValue<int>()));
        await app.EndVotingAsync(id);
        Assert.Equal("Passed", State(await steward.GetJsonAsync($"/api/v1/proposals/{id}")));
        // A new proposal takes the new rules: every active member must vote, all of them Yes.
        var strict = Id(await steward.ProposeOkAsync(slug, new { joinPolicy = "Open" }));
        foreach (var m in members) await m.VoteOkAsync(strict, "Yes");
        await steward.VoteOkAsync(strict, "No");
        await app.EndVotingAsync(strict);
        Assert.Equal("NotEnoughYes", (await steward.GetJsonAsync($"/api/v1/proposals/{strict}"))["outcome"]!.GetValue<string>());
        Assert.Equal("Invitation", (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["joinPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_proposer_withdraws_a_proposal_and_nothing_changes()
    {
        var (steward, slug, members) = await CommunityAsync(2);
        var id = Id(await steward.ProposeOkAsync(slug, new { rules = "Only one rule." }));
        await members[0].VoteOkAsync(id, "Yes");
        await (await members[0].PostAsync($"/api/v1/proposals/{id}/withdraw", new { })).ShouldFail(HttpStatusCode.Forbidden);
        var withdrawn = await (await steward.PostAsync($"/api/v1/proposals/{id}/withdraw", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Withdrawn", State(withdrawn));
        await (await steward.PostAsync($"/api/v1/proposals/{id}/withdraw", new { })).ShouldFail(HttpStatusCode.Conflict);
        await (await members[1].VoteAsync(id, "Yes")).ShouldFail(HttpStatusCode.Conflict);
        await app.EndVotingAsync(id);
        Assert.Equal("Withdrawn", State(await steward.GetJsonAsync($"/api/v1/proposals/{id}")));
        Assert.Equal("1. Be kind.", (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["rules"]!.GetValue<string>());
        Assert.NotNull(await members[0].NotificationAsync("proposal_withdrawn"));
    }

    [Fact]
    public async Task Two_closing_passes_at_once_close_a_proposal_once()
    {
        var (steward, slug, members) = await CommunityAsync(1);
        var id = Id(await steward.ProposeOkAsync(slug, new { purpose = "Closed exactly once." }));
        await members[0].VoteOkAsync(id, "Yes");
        await app.ScalarAsync("UPDATE proposals SET ends_at = @At WHERE id = @Id", new { At = DateTime.UtcNow.AddMinutes(-1), Id = id });
        var passes = new[] { app.Services.GetRequiredService<CloseProposals>(), ActivatorUtilities.CreateInstance<CloseProposals>(app.Services) };
        var closed = await Task.WhenAll(passes.Select(p => p.RunOnceAsync()));
        Assert.Equal(1, closed.Sum());
        Assert.Equal(2, (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["rulesVersion"]!.GetValue<int>());
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id AND kind = 'proposal_passed'", new { members[0].Id }));
    }

    [Fact]
    public async Task The_scheduler_closes_due_proposals()
    {
        var (steward, slug, members) = await CommunityAsync(1);
        var id = Id(await steward.ProposeOkAsync(slug, new { purpose = "Closed by the scheduler." }));
        await members[0].VoteOkAsync(id, "Yes");
        await app.ScalarAsync("UPDATE proposals SET ends_at = @At WHERE id = @Id", new { At = DateTime.UtcNow.AddMinutes(-1), Id = id });
        await app.Services.GetRequiredService<Hearth.Features.Notifications.Scheduler>().RunOnceAsync();
        Assert.Equal("Passed", State(await steward.GetJsonAsync($"/api/v1/proposals/{id}")));
    }

    [Fact]
    public async Task Proposals_are_listed_newest_first_a_page_at_a_time()
    {
        var (steward, slug, _) = await CommunityAsync(0);
        var ids = new List<long>();
        foreach (var rules in new[] { "One.", "Two.", "Three." }) ids.Add(Id(await steward.ProposeOkAsync(slug, new { rules }, $"Rules {rules}")));
        var first = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/proposals?limit=2");
        Assert.Equal([ids[2], ids[1]], first["items"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
        var rest = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/proposals?limit=2&cursor={first["next"]!.GetValue<string>()}");
        Assert.Equal([ids[0]], rest["items"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
        Assert.Null(rest["next"]?.GetValue<string>());
    }
}

public sealed class TallySpec
{
    [Theory]
    [InlineData(5, 20, 1)]
    [InlineData(6, 20, 2)]
    [InlineData(10, 20, 2)]
    [InlineData(11, 20, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(0, 20, 1)]
    [InlineData(3, 100, 3)]
    public void Quorum_is_the_share_of_active_members_rounded_up(int members, int percent, int needed) =>
        Assert.Equal(needed, Tally.QuorumNeeded(members, percent));

    [Theory]
    [InlineData(2, 1, 50, true)]
    [InlineData(1, 1, 50, false)]
    [InlineData(2, 1, 66, true)]
    [InlineData(2, 1, 67, false)]
    [InlineData(3, 0, 100, true)]
    [InlineData(99, 1, 100, false)]
    [InlineData(0, 0, 50, false)]
    public void Yes_must_be_more_than_the_threshold_or_every_vote_at_100(int yes, int no, int threshold, bool enough) =>
        Assert.Equal(enough, Tally.EnoughYes(yes, no, threshold));

    [Fact]
    public void Quorum_is_decided_before_the_threshold()
    {
        Assert.Equal(ProposalOutcome.NoQuorum, Tally.Decide(1, 0, 2, 50));
        Assert.Equal(ProposalOutcome.NotEnoughYes, Tally.Decide(1, 1, 2, 50));
        Assert.Equal(ProposalOutcome.Passed, Tally.Decide(2, 1, 2, 50));
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ProposalsOnSqlite(SqliteApp app) : ProposalsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ProposalsOnPostgres(PostgresApp app) : ProposalsSpec(app);
