using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.Questions;

namespace Hearth.Tests.People;

public abstract class ProfilesSpec(HearthApp app)
{
    [Fact]
    public async Task A_member_edits_their_profile_and_anyone_reads_it_with_the_bio_rendered_safely()
    {
        var member = await app.NewMemberAsync("ada");
        var edited = await member.EditProfileOkAsync(new
        {
            displayName = "Ada L.",
            bio = "I bake **bread**. <script>alert(1)</script> [x](javascript:alert(1))",
            skills = new[] { "Sourdough", "Machine learning", "sourdough", " rye " },
            links = new[] { "https://ada.example/", "http://blog.example/ada" },
        });
        Assert.Equal("Ada L.", edited["displayName"]!.GetValue<string>());

        var profile = await app.CreateClient().GetJsonAsync($"/api/v1/users/{member.UserName.ToUpperInvariant()}");
        Assert.Equal(member.UserName, profile["userName"]!.GetValue<string>());
        Assert.Equal("Ada L.", profile["displayName"]!.GetValue<string>());
        var html = profile["bioHtml"]!.GetValue<string>();
        Assert.Contains("<strong>bread</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.StartsWith("I bake", profile["bio"]!.GetValue<string>());
        Assert.Equal(["sourdough", "machine-learning", "rye"], profile["skills"].Strings());
        Assert.Equal(["https://ada.example/", "http://blog.example/ada"], profile["links"].Strings());
        Assert.False(profile["viewer"]!["isSelf"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_profile_edit_with_bad_fields_is_refused_field_by_field_and_changes_nothing()
    {
        var member = await app.NewMemberAsync();
        await member.EditProfileOkAsync(new { displayName = "Before", skills = new[] { "rust" } });
        var problem = await (await member.EditProfileAsync(new
        {
            displayName = "  ",
            bio = new string('x', 4_001),
            skills = new[] { "c++" },
            links = new[] { "javascript:alert(1)", "ftp://files.example/", "/relative" },
        })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("displayName"));
        Assert.True(errors.ContainsKey("bio"));
        Assert.True(errors.ContainsKey("skills"));
        Assert.Equal(3, errors["links"]!.AsArray().Count);

        var tooMany = await (await member.EditProfileAsync(new { skills = Enumerable.Range(1, 11).Select(i => $"skill{i}").ToArray() }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.True(tooMany["errors"]!.AsObject().ContainsKey("skills"));

        var profile = await member.GetJsonAsync($"/api/v1/users/{member.UserName}");
        Assert.Equal("Before", profile["displayName"]!.GetValue<string>());
        Assert.Equal(["rust"], profile["skills"].Strings());
    }

    [Fact]
    public async Task Fields_left_out_of_an_edit_keep_their_values_and_an_empty_list_clears()
    {
        var member = await app.NewMemberAsync();
        await member.EditProfileOkAsync(new { displayName = "Grace", bio = "Compilers.", skills = new[] { "cobol" }, links = new[] { "https://grace.example" } });
        var after = await member.EditProfileOkAsync(new { links = Array.Empty<string>() });
        Assert.Equal("Grace", after["displayName"]!.GetValue<string>());
        Assert.Equal("Compilers.", after["bio"]!.GetValue<string>());
        Assert.Equal(["cobol"], after["skills"].Strings());
        Assert.Empty(after["links"].Strings());
        Assert.True(after["viewer"]!["isSelf"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Editing_a_profile_needs_a_signed_in_member_and_unknown_members_are_not_found()
    {
        var anonymous = app.CreateClient();
        var response = await anonymous.PatchAsync("/api/v1/me/profile", Api.RawJson("""{"displayName":"x"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await (await anonymous.GetAsync("/api/v1/users/nobody-by-this-name")).ShouldFail(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync("/api/v1/users/nobody-by-this-name/activity")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Activity_shows_topics_replies_accepted_answers_and_articles_only_where_the_viewer_may_read()
    {
        var steward = await app.NewMemberAsync("steward");
        var open = await steward.NewQuestionsCommunityAsync();
        await steward.AddSpaceAsync(open, "kb", "Articles");
        var hidden = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var author = await app.NewMemberAsync("author");
        await author.JoinAsync(open);
        await steward.InviteInAsync(hidden, author);

        var topic = await author.NewTopicIdAsync(open, "Public thoughts");
        var question = await steward.AskAsync(open, "How long to proof?");
        var answer = (await author.ReplyAsync(question.Id(), "Until it passes the poke test.")).Id();
        await steward.AcceptOkAsync(question.Id(), answer);
        var reply = (await author.ReplyAsync(topic, "Following up on myself.")).Id();
        var article = await author.NewTopicAsync(open, "Proofing guide", space: "kb");
        var secret = await author.NewTopicIdAsync(hidden, "Private plans");

        var anonymous = await app.CreateClient().GetJsonAsync($"/api/v1/users/{author.UserName}/activity");
        var kinds = anonymous.Items().Select(i => (i["kind"]!.GetValue<string>(), i["topicId"]!.GetValue<long>())).ToList();
        Assert.Equal([("article", article.Id()), ("reply", topic), ("accepted_answer", question.Id()), ("topic", topic)], kinds);
        Assert.DoesNotContain(anonymous.Items(), i => i["topicId"]!.GetValue<long>() == secret);
        Assert.DoesNotContain("Private plans", anonymous.ToJsonString());
        Assert.Equal(reply, anonymous.Items()[1]["postId"]!.GetValue<long>());

        // Someone signed in but outside the private community sees the same; a fellow member sees it too.
        var outsider = await app.NewMemberAsync();
        Assert.DoesNotContain("Private plans", (await outsider.GetJsonAsync($"/api/v1/users/{author.UserName}/activity")).ToJsonString());
        var fellow = await steward.GetJsonAsync($"/api/v1/users/{author.UserName}/activity");
        Assert.Equal(secret, fellow.Items()[0]["topicId"]!.GetValue<long>());
        Assert.Equal(hidden, fellow.Items()[0]["community"]!["slug"]!.GetValue<string>());

        // A member who left sees it no more.
        var leaver = await app.NewMemberAsync("leaver");
        await steward.InviteInAsync(hidden, leaver);
        Assert.Contains("Private plans", (await leaver.GetJsonAsync($"/api/v1/users/{author.UserName}/activity")).ToJsonString());
        await leaver.LeaveAsync(hidden);
        Assert.DoesNotContain("Private plans", (await leaver.GetJsonAsync($"/api/v1/users/{author.UserName}/activity")).ToJsonString());

        var answers = await app.CreateClient().GetJsonAsync($"/api/v1/users/{author.UserName}/activity?kind=answers");
        Assert.Equal([answer], answers.Items().Select(i => i["postId"]!.GetValue<long>()));
        var articles = await app.CreateClient().GetJsonAsync($"/api/v1/users/{author.UserName}/activity?kind=articles");
        Assert.Equal([article.Id()], articles.Items().Select(i => i["topicId"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Activity_is_keyset_paginated_and_a_bad_kind_or_cursor_is_a_bad_request()
    {
        var author = await app.NewMemberAsync();
        var slug = await author.NewCommunityAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await author.NewTopicIdAsync(slug, $"Topic number {i}"));

        var anonymous = app.CreateClient();
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await anonymous.GetJsonAsync($"/api/v1/users/{author.UserName}/activity?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.InRange(page.Items().Length, 1, 2);
            seen.AddRange(page.Items().Select(i => i["topicId"]!.GetValue<long>()));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        await (await anonymous.GetAsync($"/api/v1/users/{author.UserName}/activity?kind=votes")).ShouldFail(HttpStatusCode.BadRequest);
        await (await anonymous.GetAsync($"/api/v1/users/{author.UserName}/activity?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Following_is_counted_on_both_profiles_idempotent_and_never_of_oneself()
    {
        var follower = await app.NewMemberAsync("fan");
        var followed = await app.NewMemberAsync("star");
        var first = await (await follower.FollowAsync(followed)).ShouldBe(HttpStatusCode.OK);
        Assert.True(first["following"]!.GetValue<bool>());
        var again = await (await follower.FollowAsync(followed)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, again["followers"]!.GetValue<int>());

        var star = await follower.GetJsonAsync($"/api/v1/users/{followed.UserName}");
        Assert.Equal(1, star["followers"]!.GetValue<int>());
        Assert.True(star["viewer"]!["follows"]!.GetValue<bool>());
        Assert.Equal(1, (await app.CreateClient().GetJsonAsync($"/api/v1/users/{follower.UserName}"))["following"]!.GetValue<int>());
        Assert.Equal(1L, await app.ScalarAsync("SELECT COUNT(*) FROM user_follows WHERE follower_id = @F AND followed_id = @T", new { F = follower.Id, T = followed.Id }));

        await (await follower.UnfollowAsync(followed)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (await app.CreateClient().GetJsonAsync($"/api/v1/users/{followed.UserName}"))["followers"]!.GetValue<int>());

        await (await follower.FollowAsync(follower)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await follower.Http.PutAsync("/api/v1/users/nobody-by-this-name/follow", null)).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync($"/api/v1/users/{followed.UserName}/follow", null)).StatusCode);
    }

    [Fact]
    public async Task Blocking_ends_follows_both_ways_and_the_blocked_member_cannot_follow_again()
    {
        var blocker = await app.NewMemberAsync("hermit");
        var pest = await app.NewMemberAsync("pest");
        await (await pest.FollowAsync(blocker)).ShouldBe(HttpStatusCode.OK);
        await (await blocker.FollowAsync(pest)).ShouldBe(HttpStatusCode.OK);

        await blocker.BlockAsync(pest);
        await blocker.BlockAsync(pest);
        Assert.True((await blocker.GetJsonAsync($"/api/v1/users/{pest.UserName}"))["viewer"]!["blocks"]!.GetValue<bool>());
        Assert.Equal(0, (await blocker.GetJsonAsync($"/api/v1/users/{blocker.UserName}"))["followers"]!.GetValue<int>());
        Assert.Equal(0, (await blocker.GetJsonAsync($"/api/v1/users/{blocker.UserName}"))["following"]!.GetValue<int>());
        var refused = await (await pest.FollowAsync(blocker)).ShouldFail(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("block", refused["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // The blocked member's own view of the blocker says nothing of it.
        Assert.False((await pest.GetJsonAsync($"/api/v1/users/{blocker.UserName}"))["viewer"]!["blocks"]!.GetValue<bool>());

        await (await blocker.Http.PutAsync($"/api/v1/users/{blocker.UserName}/block", null)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await blocker.UnblockAsync(pest);
        await (await pest.FollowAsync(blocker)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_profile_and_its_activity_run_the_same_number_of_commands_however_much_the_member_wrote()
    {
        var quiet = await app.NewMemberAsync();
        var busy = await app.NewMemberAsync();
        var slug = await busy.NewCommunityAsync();
        await quiet.JoinAsync(slug);
        await quiet.NewTopicIdAsync(slug);
        await busy.EditProfileOkAsync(new { skills = new[] { "a", "b", "c" }, links = new[] { "https://a.example", "https://b.example" } });
        var topic = await busy.NewTopicIdAsync(slug);
        for (var i = 0; i < 25; i++) await busy.ReplyAsync(topic, $"Reply {i}");
        var viewer = await app.NewMemberAsync();

        async Task<int> CountAsync(Func<Task> request)
        {
            await request();
            app.Db.Counter = new Hearth.Platform.Data.CommandCounter();
            try
            {
                await request();
                return app.Db.Counter.Count;
            }
            finally
            {
                app.Db.Counter = null;
            }
        }

        Assert.Equal(await CountAsync(() => viewer.GetJsonAsync($"/api/v1/users/{quiet.UserName}")),
            await CountAsync(() => viewer.GetJsonAsync($"/api/v1/users/{busy.UserName}")));
        var small = await CountAsync(() => viewer.GetJsonAsync($"/api/v1/users/{quiet.UserName}/activity"));
        var big = await CountAsync(async () => Assert.Equal(20, (await viewer.GetJsonAsync($"/api/v1/users/{busy.UserName}/activity?limit=20")).Items().Length));
        Assert.Equal(small, big);
        Assert.InRange(big, 1, 2); // the bearer token, then the page
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class ProfilesOnSqlite(SqliteApp app) : ProfilesSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class ProfilesOnPostgres(PostgresApp app) : ProfilesSpec(app);
