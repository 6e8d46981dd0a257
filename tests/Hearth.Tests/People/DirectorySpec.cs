using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.People;

/// <summary>The member directory of a community and the expertise directory of a community of practice.</summary>
public abstract class DirectorySpec(HearthApp app)
{
    [Fact]
    public async Task Members_are_searched_by_user_name_display_name_and_skill()
    {
        var steward = await app.NewMemberAsync("warden");
        var slug = await steward.NewCommunityAsync();
        var baker = await app.NewMemberAsync("baker");
        var coder = await app.NewMemberAsync("coder");
        var other = await app.NewMemberAsync("other");
        foreach (var m in new[] { baker, coder, other }) await m.JoinAsync(slug);
        await baker.EditProfileOkAsync(new { displayName = "Marguerite Boulangère", skills = new[] { "sourdough" } });
        await coder.EditProfileOkAsync(new { skills = new[] { "machine-learning", "rust" } });
        var outsider = await app.NewMemberAsync("baker");
        await outsider.EditProfileOkAsync(new { skills = new[] { "sourdough" } });

        var anonymous = app.CreateClient();
        Assert.Equal([baker.UserName], (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q=SOURD")).UserNames());
        Assert.Equal([baker.UserName], (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q=boulang")).UserNames());
        Assert.Equal([coder.UserName], (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q=machine%20learning")).UserNames());
        Assert.Equal([coder.UserName], (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q={coder.UserName[..6]}")).UserNames());
        // LIKE wildcards are searched for literally.
        Assert.Empty((await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q=%25")).Items());
        var page = await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?q=rust");
        Assert.Equal(["machine-learning", "rust"], page.Items()[0]["skills"].Strings());
    }

    [Fact]
    public async Task Members_sort_by_newest_most_active_and_name_across_pages()
    {
        var steward = await app.NewMemberAsync("m0");
        var slug = await steward.NewCommunityAsync();
        var quiet = await app.NewMemberAsync("m1");
        var chatty = await app.NewMemberAsync("m2");
        var some = await app.NewMemberAsync("m3");
        foreach (var m in new[] { quiet, chatty, some }) await m.JoinAsync(slug);
        var topic = await chatty.NewTopicIdAsync(slug);
        await chatty.ReplyAsync(topic);
        await chatty.ReplyAsync(topic);
        await some.ReplyAsync(topic);

        var anonymous = app.CreateClient();
        var joined = await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members");
        Assert.Equal([steward.UserName, quiet.UserName, chatty.UserName, some.UserName], joined.UserNames());
        Assert.Equal([some.UserName, chatty.UserName, quiet.UserName, steward.UserName],
            (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?sort=newest")).UserNames());
        var byName = (await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?sort=name")).UserNames();
        Assert.Equal(byName.Order(StringComparer.OrdinalIgnoreCase), byName);

        // Most active, one per page: the keyset carries the count and the tie-break across pages.
        var names = new List<string>();
        var counts = new List<int>();
        string? cursor = null;
        do
        {
            var page = await anonymous.GetJsonAsync($"/api/v1/communities/{slug}/members?sort=active&limit=1{(cursor is null ? "" : "&cursor=" + cursor)}");
            names.AddRange(page.UserNames());
            counts.AddRange(page.Items().Select(i => i["postCount"]!.GetValue<int>()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal([chatty.UserName, some.UserName, steward.UserName, quiet.UserName], names);
        Assert.Equal([3, 1, 0, 0], counts);

        await (await anonymous.GetAsync($"/api/v1/communities/{slug}/members?sort=loudest")).ShouldFail(HttpStatusCode.BadRequest);
        await (await anonymous.GetAsync($"/api/v1/communities/{slug}/members?sort=active&cursor=abc")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_member_list_of_a_restricted_community_is_for_its_members_only()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Restricted"; c["joinPolicy"] = "Approval"; });
        var outsider = await app.NewMemberAsync();
        await (await outsider.GetAsync($"/api/v1/communities/{slug}/members?q=a")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/members?sort=name")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal([steward.UserName], (await steward.GetJsonAsync($"/api/v1/communities/{slug}/members?sort=active")).UserNames());
        await Browser.Open(app).PageAsync($"/c/{slug}/members?q=a", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Experts_are_ranked_from_declared_skills_accepted_answers_and_endorsements()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewPracticeAsync();
        var declarer = await app.NewMemberAsync("declarer");
        var answerer = await app.NewMemberAsync("answerer");
        var endorsed = await app.NewMemberAsync("endorsed");
        var fan = await app.NewMemberAsync("fan");
        foreach (var m in new[] { declarer, answerer, endorsed, fan }) await m.JoinAsync(slug);
        await declarer.EditProfileOkAsync(new { skills = new[] { "sourdough" } });
        var stranger = await app.NewMemberAsync("stranger");
        await stranger.EditProfileOkAsync(new { skills = new[] { "sourdough" } });

        var question = await steward.NewTopicAsync(slug, "Why is my loaf flat?", space: QuestionSteps.Space, tags: ["sourdough"]);
        var answer = (await answerer.ReplyAsync(question.Id(), "Your starter is tired.")).Id();
        await steward.AcceptOkAsync(question.Id(), answer);
        var untagged = await steward.AskAsync(slug, "Which oven?");
        await steward.AcceptOkAsync(untagged.Id(), (await declarer.ReplyAsync(untagged.Id(), "A hot one.")).Id());
        await (await declarer.EndorseAsync(slug, endorsed, "sourdough")).ShouldBe(HttpStatusCode.OK);
        await (await fan.EndorseAsync(slug, endorsed, "Sourdough")).ShouldBe(HttpStatusCode.OK);

        var experts = await fan.GetJsonAsync($"/api/v1/communities/{slug}/experts?skill=sourdough");
        Assert.Equal([endorsed.UserName, answerer.UserName, declarer.UserName], experts.UserNames());
        var top = experts.Items()[0];
        Assert.Equal(4, top["score"]!.GetValue<int>());
        Assert.Equal(2, top["endorsements"]!.GetValue<int>());
        Assert.True(top["endorsedByViewer"]!.GetValue<bool>());
        Assert.Equal(3, experts.Items()[1]["score"]!.GetValue<int>());
        Assert.Equal(1, experts.Items()[1]["acceptedAnswers"]!.GetValue<int>());
        Assert.True(experts.Items()[2]["declared"]!.GetValue<bool>());
        Assert.Equal(0, experts.Items()[2]["acceptedAnswers"]!.GetValue<int>());

        // An endorser who leaves no longer vouches; paging carries the score.
        await fan.LeaveAsync(slug);
        var after = await steward.GetJsonAsync($"/api/v1/communities/{slug}/experts?skill=sourdough&limit=1");
        Assert.Equal([answerer.UserName], after.UserNames());
        var second = await steward.GetJsonAsync($"/api/v1/communities/{slug}/experts?skill=sourdough&limit=1&cursor={after["next"]!.GetValue<string>()}");
        Assert.Equal([endorsed.UserName], second.UserNames());
        Assert.Equal(2, second.Items()[0]["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_endorsement_counts_once_only_between_active_members_and_never_for_oneself()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewPracticeAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var outsider = await app.NewMemberAsync();

        var once = await (await steward.EndorseAsync(slug, member, "rye")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, once["endorsements"]!.GetValue<int>());
        var twice = await (await steward.EndorseAsync(slug, member, "rye")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, twice["endorsements"]!.GetValue<int>());

        await (await member.EndorseAsync(slug, member, "rye")).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await steward.EndorseAsync(slug, member, "c++")).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await outsider.EndorseAsync(slug, member, "rye")).ShouldFail(HttpStatusCode.Forbidden);
        await (await steward.EndorseAsync(slug, outsider, "rye")).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync($"/api/v1/communities/{slug}/members/{member.UserName}/endorsements/rye", null)).StatusCode);

        var withdrawn = await (await steward.WithdrawAsync(slug, member, "rye")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, withdrawn["endorsements"]!.GetValue<int>());
        Assert.Empty((await steward.GetJsonAsync($"/api/v1/communities/{slug}/experts?skill=rye")).Items());
    }

    [Fact]
    public async Task The_expertise_directory_is_for_communities_of_practice_and_hidden_from_outsiders_of_private_ones()
    {
        var steward = await app.NewMemberAsync();
        var interest = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(interest);
        await (await steward.GetAsync($"/api/v1/communities/{interest}/experts?skill=rust")).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.EndorseAsync(interest, member, "rust")).ShouldFail(HttpStatusCode.Conflict);

        var hidden = await steward.NewPracticeAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        await steward.InviteInAsync(hidden, member);
        var outsider = await app.NewMemberAsync();
        await (await outsider.GetAsync($"/api/v1/communities/{hidden}/experts?skill=rust")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.EndorseAsync(hidden, member, "rust")).ShouldFail(HttpStatusCode.NotFound);
        await Browser.Open(app).PageAsync($"/c/{hidden}/experts?skill=rust", HttpStatusCode.NotFound);
        await (await steward.GetAsync($"/api/v1/communities/{hidden}/experts")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.GetAsync($"/api/v1/communities/{hidden}/experts?skill=c%2B%2B")).ShouldFail(HttpStatusCode.BadRequest);
        await (await steward.GetAsync($"/api/v1/communities/{hidden}/experts?skill=rust")).ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class DirectoryOnSqlite(SqliteApp app) : DirectorySpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class DirectoryOnPostgres(PostgresApp app) : DirectorySpec(app);
