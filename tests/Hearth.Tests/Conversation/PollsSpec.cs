using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Conversation;

/// <summary>Polls carried by topics: made with the topic, one ballot per member, results for every reader.</summary>
public abstract class PollsSpec(HearthApp app)
{
    private static async Task<JsonNode> NewPollTopicAsync(Member member, string slug, bool multiple = false, string? closesAt = null) =>
        await (await member.PostAsync($"/api/v1/communities/{slug}/topics", new
        {
            title = "Which day suits you",
            body = "Vote below.",
            poll = new { question = "Which day?", options = new[] { "Friday", "Saturday", "Sunday" }, multiple, closesAt },
        })).ShouldBe(HttpStatusCode.Created);

    private static long[] Options(JsonNode topic) => [.. topic["poll"]!["options"]!.AsArray().Select(o => o!.Id())];

    private static int[] Votes(JsonNode topic) => [.. topic["poll"]!["options"]!.AsArray().Select(o => o!["votes"]!.GetValue<int>())];

    [Fact]
    public async Task Members_cast_one_ballot_each_which_they_may_change_until_the_poll_closes()
    {
        var (slug, steward, member, _) = await app.ConversationAsync();
        var topic = await NewPollTopicAsync(steward, slug, closesAt: DateTime.UtcNow.AddDays(3).ToString("O"));
        Assert.Equal("Which day?", topic["poll"]!["question"]!.GetValue<string>());
        Assert.False(topic["poll"]!["closed"]!.GetValue<bool>());
        var options = Options(topic);
        Assert.Equal(3, options.Length);

        var voted = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[0] } })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([1, 0, 0], Votes(voted));
        Assert.Equal([options[0]], voted["poll"]!["myVotes"]!.AsArray().Select(v => v!.GetValue<long>()));
        await (await steward.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[1] } })).ShouldBe(HttpStatusCode.OK);
        var changed = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[1] } })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([0, 2, 0], Votes(changed));
        Assert.Equal(2, changed["poll"]!["voters"]!.GetValue<int>());

        var two = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[0], options[2] } })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(two["errors"]!["options"]);
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { 999_999_999L } })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = Array.Empty<long>() })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        var reader = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.Equal([0, 2, 0], Votes(reader));
        Assert.Empty(reader["poll"]!["myVotes"]!.AsArray());

        await app.ScalarAsync("UPDATE polls SET closes_at = @At WHERE topic_id = @Id", new { At = DateTime.UtcNow.AddMinutes(-1), Id = topic.Id() });
        await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[2] } })).ShouldFail(HttpStatusCode.Conflict);
        Assert.True((await app.CreateClient().GetJsonAsync($"/api/v1/topics/{topic.Id()}"))["poll"]!["closed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_multiple_choice_poll_takes_several_options_in_one_ballot()
    {
        var (slug, steward, member, _) = await app.ConversationAsync();
        var topic = await NewPollTopicAsync(steward, slug, multiple: true);
        var options = Options(topic);
        var voted = await (await member.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { options[0], options[2], options[2] } })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([1, 0, 1], Votes(voted));
        Assert.Equal(1, voted["poll"]!["voters"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_polls_are_refused_with_the_topic_and_only_members_vote()
    {
        var (slug, steward, member, plain) = await app.ConversationAsync();
        var before = await app.FootprintAsync(slug);
        var refused = await (await steward.PostAsync($"/api/v1/communities/{slug}/topics", new
        {
            title = "A bad poll",
            body = "Hmm.",
            poll = new { question = "", options = new[] { "Only one" }, closesAt = "yesterday" },
        })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(refused["errors"]!["poll.question"]);
        Assert.NotNull(refused["errors"]!["poll.options"]);
        Assert.NotNull(refused["errors"]!["poll.closesAt"]);
        var past = await (await steward.PostAsync($"/api/v1/communities/{slug}/topics", new
        {
            title = "A past poll",
            body = "Hmm.",
            poll = new { question = "When?", options = new[] { "A", "a" }, closesAt = "2001-01-01T00:00:00Z" },
        })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(past["errors"]!["poll.closesAt"]);
        Assert.NotNull(past["errors"]!["poll.options"]);
        Assert.Equal(before.Topics, (await app.FootprintAsync(slug)).Topics);
        Assert.Null(plain["poll"]);
        await (await member.PostAsync($"/api/v1/topics/{plain.Id()}/poll/vote", new { options = new[] { 1L } })).ShouldFail(HttpStatusCode.NotFound);

        var topic = await NewPollTopicAsync(steward, slug);
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.PostAsync($"/api/v1/topics/{topic.Id()}/poll/vote", new { options = new[] { Options(topic)[0] } })).ShouldFail(HttpStatusCode.Forbidden);
        var (privateSlug, privateSteward, _, _) = await app.ConversationAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        var hidden = await NewPollTopicAsync(privateSteward, privateSlug);
        await (await outsider.PostAsync($"/api/v1/topics/{hidden.Id()}/poll/vote", new { options = new[] { Options(hidden)[0] } })).ShouldFail(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE p.topic_id = @Id", new { Id = hidden.Id() }));
    }

    [Fact]
    public async Task A_poll_is_made_and_voted_on_from_the_pages()
    {
        var (slug, steward, member, _) = await app.ConversationAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(steward.UserName);
        var made = await browser.SubmitAsync($"/c/{slug}/s/general", "form#new-topic", new Dictionary<string, string>
        {
            ["Title"] = "Pick a venue please",
            ["Body"] = "Where?",
            ["PollQuestion"] = "Which venue?",
            ["PollOptions"] = "Library\nPark\nCafé",
        });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var url = made.Headers.Location!.OriginalString;

        var voter = Browser.Open(app);
        await voter.SignInAsync(member.UserName);
        var page = await voter.PageAsync(url);
        var park = page.QuerySelectorAll("[data-testid=poll] li").Single(li => li.TextContent.Contains("Park"));
        var voted = await voter.SubmitAsync(url, "form#poll-ballot", new Dictionary<string, string> { ["Options"] = park.GetAttribute("data-option-id")! });
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        var after = await Browser.Open(app).PageAsync(url);
        Assert.Equal(["0", "1", "0"], after.QuerySelectorAll("[data-testid=poll] [data-testid=option-votes]").Select(e => e.TextContent));
        Assert.Null(after.QuerySelector("form#poll-ballot input[name=Options]"));
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class PollsOnSqlite(SqliteApp app) : PollsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class PollsOnPostgres(PostgresApp app) : PollsSpec(app);
