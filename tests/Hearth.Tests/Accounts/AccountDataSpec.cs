using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hearth.Tests.Conversation;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;
using Hearth.Tests.People;
using Hearth.Tests.Search;

namespace Hearth.Tests.Accounts;

/// <summary>A member takes all their data with them, and deletes their account with their posts kept anonymously or removed.</summary>
public abstract class AccountDataSpec(HearthApp app)
{
    private const string Password = "correct horse battery";

    private static Task<HttpResponseMessage> DeleteAsync(Member member, object body) =>
        member.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(body) });

    private static string Word() => "zq" + Guid.NewGuid().ToString("n")[..10];

    [Fact]
    public async Task A_member_exports_what_they_wrote_everywhere_and_nobody_elses_words()
    {
        var steward = await app.NewMemberAsync("steward");
        var secret = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var member = await app.NewMemberAsync("exporter");
        var invite = await (await steward.PostAsync($"/api/v1/communities/{secret}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsync($"/api/v1/invitations/{invite["token"]}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
        await member.EditProfileOkAsync(new { bio = "I bake.", skills = new[] { "sourdough" } });

        var (mine, theirs) = (Word(), Word());
        var topic = await steward.NewTopicAsync(secret, "Starter care", $"The steward's {theirs} words.");
        await member.ReplyAsync(topic.Id(), $"My {mine} reply.");
        await (await member.PostAsync("/api/v1/conversations", new { to = new[] { steward.UserName }, subject = "Hello", body = $"A {mine} message." }))
            .ShouldBe(HttpStatusCode.Created);

        var response = await member.GetAsync("/api/v1/me/export");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var data = JsonNode.Parse(text)!;
        Assert.Equal("hearth-member-data/1", data["format"]!.GetValue<string>());
        Assert.Equal(member.UserName, data["account"]![0]!["user_name"]!.GetValue<string>());
        Assert.Equal(member.Email, data["account"]![0]!["email"]!.GetValue<string>());
        Assert.False(data["account"]![0]!["email_confirmed"]!.GetValue<bool>());
        Assert.Equal(["sourdough"], data["skills"]!.AsArray().Select(s => s!["skill"]!.GetValue<string>()));
        var membership = Assert.Single(data["memberships"]!.AsArray())!;
        Assert.Equal(secret, membership["community"]!.GetValue<string>());
        var post = Assert.Single(data["posts"]!.AsArray())!;
        Assert.Equal($"My {mine} reply.", post["body"]!.GetValue<string>());
        Assert.Equal("Starter care", post["topic_title"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(post["created_at"]!.GetValue<string>(), out _));
        Assert.Equal($"A {mine} message.", Assert.Single(data["messages"]!.AsArray())!["body"]!.GetValue<string>());
        Assert.Equal("tests", Assert.Single(data["api_tokens"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.DoesNotContain(theirs, text);
        Assert.DoesNotContain("token_hash", text);

        await (await app.CreateClient().GetAsync("/api/v1/me/export")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deleted_account_keeps_its_posts_as_a_former_member_and_can_no_longer_sign_in()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var leaving = await app.NewMemberAsync("leaving");
        await leaving.JoinAsync(slug);
        await leaving.EditProfileOkAsync(new { bio = "Findable bio.", skills = new[] { "rust" } });
        await steward.FollowAsync(leaving);
        var word = Word();
        var topic = await leaving.NewTopicAsync(slug, $"Help with {word}", "Does anyone know?");
        var members = (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>();

        var wrong = await (await DeleteAsync(leaving, new { password = "not it", content = "Anonymise" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(wrong["errors"]!["password"]);
        var unclear = await (await DeleteAsync(leaving, new { password = Password, content = "Shred" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unclear["errors"]!["content"]);
        await (await leaving.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);

        var deleted = await (await DeleteAsync(leaving, new { password = Password, content = "Anonymise" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Anonymise", deleted["content"]!.GetValue<string>());
        Assert.Equal(1, deleted["communitiesLeft"]!.GetValue<int>());

        // The token is gone, the password too, and the name and e-mail are free for someone new.
        await (await leaving.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = leaving.UserName, password = Password, name = "again" }))
            .ShouldBe(HttpStatusCode.Unauthorized);
        await (await steward.GetAsync($"/api/v1/users/{leaving.UserName}")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/users", new { userName = leaving.UserName, email = leaving.Email, password = Password }))
            .ShouldBe(HttpStatusCode.Created);

        // Their question stays, by "Former member"; the community counts one member fewer.
        var shown = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal($"Help with {word}", shown["title"]!.GetValue<string>());
        Assert.Equal("Former member", shown.Post(1)["author"]!["displayName"]!.GetValue<string>());
        Assert.Equal(members - 1, (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["memberCount"]!.GetValue<int>());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM user_follows WHERE followed_id = @Id", new { leaving.Id }));
        Assert.Empty(await steward.SearchAsync(SearchSteps.Q("Former member") + "&type=member"));
    }

    [Fact]
    public async Task Removing_the_content_empties_posts_messages_and_titles_but_leaves_other_members_replies()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var leaving = await app.NewMemberAsync("leaving");
        await leaving.JoinAsync(slug);
        var (word, kept) = (Word(), Word());
        var own = await leaving.NewTopicAsync(slug, $"My {word} topic", $"My {word} body.");
        await steward.ReplyAsync(own.Id(), $"The steward's {kept} answer.");
        var other = await steward.NewTopicAsync(slug, "Steward's topic", "Welcome.");
        await leaving.ReplyAsync(other.Id(), $"My {word} reply.");
        await (await leaving.PostAsync("/api/v1/conversations", new { to = new[] { steward.UserName }, subject = "Hi", body = $"A {word} message." }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.NotEmpty(await steward.SearchAsync(SearchSteps.Q(word)));

        var deleted = await (await DeleteAsync(leaving, new { password = Password, content = "Remove" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, deleted["postsRemoved"]!.GetValue<int>());

        var ownTopic = await steward.GetJsonAsync($"/api/v1/topics/{own.Id()}");
        Assert.Equal("Removed by its author", ownTopic["title"]!.GetValue<string>());
        Assert.DoesNotContain(word, ownTopic.ToJsonString());
        Assert.Contains(kept, ownTopic.Post(2)["bodyHtml"]!.GetValue<string>());
        var otherTopic = await steward.GetJsonAsync($"/api/v1/topics/{other.Id()}");
        Assert.DoesNotContain(word, otherTopic.ToJsonString());
        Assert.Equal(0, otherTopic["replyCount"]!.GetValue<int>());
        Assert.Empty(await steward.SearchAsync(SearchSteps.Q(word)));
        Assert.Equal(0, await app.ScalarAsync($"SELECT COUNT(*) FROM messages WHERE body LIKE '%{word}%'"));
        Assert.Equal(0, await app.ScalarAsync($"SELECT COUNT(*) FROM posts WHERE body LIKE '%{word}%'"));
    }

    [Fact]
    public async Task The_only_steward_hands_on_stewardship_before_deleting_and_nothing_changes_until_then()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync();
        var problem = await (await DeleteAsync(steward, new { password = Password, content = "Anonymise" })).ShouldFail(HttpStatusCode.Conflict);
        Assert.Contains(slug, problem["title"]!.GetValue<string>());
        await (await steward.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Steward", (await steward.GetJsonAsync($"/api/v1/communities/{slug}"))["viewer"]!["role"]!.GetValue<string>());

        var successor = await app.NewMemberAsync("successor");
        await successor.JoinAsync(slug);
        await (await steward.PutAsync($"/api/v1/communities/{slug}/members/{successor.UserName}/role", new { role = "Steward" })).ShouldBe(HttpStatusCode.OK);
        await (await DeleteAsync(steward, new { password = Password, content = "Anonymise" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT COUNT(*) FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = @Slug AND m.role = 'Steward' AND m.state = 'Active'", new { Slug = slug }));
    }

    [Fact]
    public async Task The_data_page_offers_the_download_and_deletes_the_account_with_a_message_for_a_wrong_password()
    {
        var member = await app.NewMemberAsync("pager");
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var page = await browser.PageAsync("/account/data");
        Assert.Equal("/api/v1/me/export", page.QuerySelector("[data-testid=export-my-data]")!.GetAttribute("href"));
        Assert.NotNull((await browser.PageAsync("/me/profile")).QuerySelector("a[href='/account/data']"));

        var refused = await browser.SubmitAsync("/account/data", "form#delete-account", new Dictionary<string, string> { ["Content"] = "Remove", ["Password"] = "wrong" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That is not your password.", await refused.Content.ReadAsStringAsync());
        await (await member.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);

        var done = await browser.SubmitAsync("/account/data", "form#delete-account", new Dictionary<string, string> { ["Content"] = "Remove", ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await (await member.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
        var (response, _) = await browser.GetAsync("/account/data");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AccountDataOnSqlite(SqliteApp app) : AccountDataSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AccountDataOnPostgres(PostgresApp app) : AccountDataSpec(app);
