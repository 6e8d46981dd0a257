using System.Net;
using System.Text.Json.Nodes;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Questions;

public abstract class QuestionsSpec(HearthApp app)
{
    /// <summary>A Public, Open community with a Questions space, an asker, a question and two answers by others.</summary>
    private async Task<(Member Steward, string Slug, Member Asker, long QuestionId, long QuestionPost, Member Answerer, long First, long Second)> QuestionWithAnswersAsync(
        Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewQuestionsCommunityAsync(with);
        var asker = await app.NewMemberAsync("asker");
        var answerer = await app.NewMemberAsync("answerer");
        foreach (var m in new[] { asker, answerer }) await m.JoinAsync(slug);
        var question = await asker.AskAsync(slug);
        var first = (await answerer.ReplyAsync(question.Id(), "Feed it **1:5:5**.")).Id();
        var second = (await steward.ReplyAsync(question.Id(), "Keep it warmer.")).Id();
        return (steward, slug, asker, question.Id(), question["posts"]![0]!.Id(), answerer, first, second);
    }

    [Fact]
    public async Task A_question_shows_it_is_unsolved_and_every_answer_a_score_of_zero()
    {
        var q = await QuestionWithAnswersAsync();
        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}");

        Assert.Equal("Questions", topic["kind"]!.GetValue<string>());
        Assert.False(topic["solved"]!.GetValue<bool>());
        Assert.True(topic.AsObject().ContainsKey("acceptedPostId"));
        Assert.Null(topic["acceptedPostId"]);
        Assert.All(topic["posts"]!.AsArray(), p => Assert.Equal(0, p!["score"]!.GetValue<int>()));
        Assert.All(topic["posts"]!.AsArray(), p => Assert.Equal(0, p!["myVote"]!.GetValue<int>()));
        Assert.False(topic.AsObject().ContainsKey("votes"));
        Assert.False(topic.AsObject().ContainsKey("statusHistory"));
    }

    [Fact]
    public async Task Members_vote_answers_up_or_down_once_each_and_zero_takes_the_vote_back()
    {
        var q = await QuestionWithAnswersAsync();
        var voter = await app.NewMemberAsync("voter");
        await voter.JoinAsync(q.Slug);

        var up = await voter.VoteOkAsync(q.First, 1);
        Assert.Equal((q.First, 1, 1), (up["postId"]!.GetValue<long>(), up["score"]!.GetValue<int>(), up["myVote"]!.GetValue<int>()));
        Assert.Equal(q.QuestionId, up["topicId"]!.GetValue<long>());
        Assert.Equal(1, (await voter.VoteOkAsync(q.First, 1))["score"]!.GetValue<int>());
        Assert.Equal(2, (await q.Asker.VoteOkAsync(q.First, 1))["score"]!.GetValue<int>());
        var down = await voter.VoteOkAsync(q.First, -1);
        Assert.Equal((0, -1), (down["score"]!.GetValue<int>(), down["myVote"]!.GetValue<int>()));
        Assert.Equal(1, (await voter.VoteOkAsync(q.First, 0))["score"]!.GetValue<int>());
        Assert.Equal(1, (await voter.VoteOkAsync(q.First, 0))["score"]!.GetValue<int>());
        await voter.VoteOkAsync(q.Second, -1);

        var seenByVoter = await voter.GetJsonAsync($"/api/v1/topics/{q.QuestionId}");
        Assert.Equal(1, seenByVoter.PostById(q.First)["score"]!.GetValue<int>());
        Assert.Equal(0, seenByVoter.PostById(q.First)["myVote"]!.GetValue<int>());
        Assert.Equal(-1, seenByVoter.PostById(q.Second)["myVote"]!.GetValue<int>());
        var seenByAsker = await q.Asker.GetJsonAsync($"/api/v1/topics/{q.QuestionId}");
        Assert.Equal(1, seenByAsker.PostById(q.First)["myVote"]!.GetValue<int>());
        Assert.Equal(0, seenByAsker.PostById(q.Second)["myVote"]!.GetValue<int>());
        var footprint = await app.QuestionFootprintAsync(q.QuestionId);
        Assert.Equal((2L, 0L), (footprint.Votes, footprint.ScoreSum));
    }

    [Fact]
    public async Task Nobody_votes_on_their_own_answer_or_on_the_question_itself()
    {
        var q = await QuestionWithAnswersAsync();

        var own = await (await q.Answerer.VoteAsync(q.First, 1)).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("own", own["title"]!.GetValue<string>());
        await (await q.Answerer.VoteAsync(q.QuestionPost, 1)).ShouldFail(HttpStatusCode.Conflict);
        await (await q.Asker.VoteAsync(q.QuestionPost, 1)).ShouldFail(HttpStatusCode.Conflict);
        Assert.Equal((0L, 0L, (long?)null), await app.QuestionFootprintAsync(q.QuestionId));
    }

    [Fact]
    public async Task Outsiders_of_a_public_community_are_refused_and_of_restricted_or_private_ones_told_nothing()
    {
        var q = await QuestionWithAnswersAsync();
        var outsider = await app.NewMemberAsync("outsider");
        await (await outsider.VoteAsync(q.First, 1)).ShouldFail(HttpStatusCode.Forbidden);
        await (await outsider.AcceptAsync(q.QuestionId, q.First)).ShouldFail(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostAsync($"/api/v1/posts/{q.First}/vote", Api.RawJson("""{"value":1}"""))).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsync($"/api/v1/topics/{q.QuestionId}/accept", Api.RawJson($$"""{"postId":{{q.First}}}"""))).ShouldBe(HttpStatusCode.Unauthorized);

        foreach (var visibility in new[] { "Restricted", "Private" })
        {
            var steward = await app.NewMemberAsync();
            var slug = await steward.NewQuestionsCommunityAsync(c => { c["visibility"] = visibility; c["joinPolicy"] = "Invitation"; });
            var question = await steward.AskAsync(slug);
            var member = await app.NewMemberAsync();
            await steward.InviteInAsync(slug, member);
            var answer = (await member.ReplyAsync(question.Id(), "An answer.")).Id();

            await (await outsider.VoteAsync(answer, 1)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.AcceptAsync(question.Id(), answer)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.VoteAsync(answer, 7)).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.Http.GetAsync($"/api/v1/communities/{slug}/spaces/{QuestionSteps.Space}/figures")).ShouldFail(HttpStatusCode.NotFound);
            await (await outsider.Http.GetAsync($"/api/v1/communities/{slug}/topics?space={QuestionSteps.Space}&filter=solved")).ShouldFail(HttpStatusCode.NotFound);

            // A former member is an outsider again.
            await member.LeaveAsync(slug);
            await (await member.AcceptAsync(question.Id(), answer)).ShouldFail(HttpStatusCode.NotFound);
            await steward.VoteOkAsync(answer, 1);
        }
        Assert.Equal((0L, 0L, (long?)null), await app.QuestionFootprintAsync(q.QuestionId));
    }

    [Fact]
    public async Task Bad_votes_and_malformed_bodies_are_refused_and_nothing_is_written()
    {
        var q = await QuestionWithAnswersAsync();
        var url = $"/api/v1/posts/{q.First}/vote";

        foreach (var body in new[] { """{"value":2}""", """{"value":-2}""", """{"value":null}""", "{}" })
        {
            var problem = await (await q.Asker.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["value"]);
        }
        foreach (var body in new[] { """{"value":"up"}""", """{"value":1.5}""", """{"value":""", """{"value":true}""" })
            await (await q.Asker.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.BadRequest);
        await (await q.Asker.Http.PostAsync(url, new StringContent("value=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))).ShouldFail(HttpStatusCode.UnsupportedMediaType);
        await (await q.Asker.VoteAsync(999_999_999, 1)).ShouldFail(HttpStatusCode.NotFound);

        Assert.Equal((0L, 0L, (long?)null), await app.QuestionFootprintAsync(q.QuestionId));
    }

    [Fact]
    public async Task Votes_and_acceptance_outside_a_questions_topic_are_conflicts()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var topic = await steward.NewTopicAsync(slug);
        var reply = (await member.ReplyAsync(topic.Id())).Id();

        await (await steward.VoteAsync(reply, 1)).ShouldFail(HttpStatusCode.Conflict);
        await (await steward.AcceptAsync(topic.Id(), reply)).ShouldFail(HttpStatusCode.Conflict);
        var read = await steward.GetJsonAsync($"/api/v1/topics/{topic.Id()}");
        Assert.False(read["solved"]!.GetValue<bool>());
        Assert.Equal(0, read.PostById(reply)["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_are_listed_accepted_first_then_by_score_then_by_post_number()
    {
        var q = await QuestionWithAnswersAsync();
        var third = (await q.Answerer.ReplyAsync(q.QuestionId, "Third.")).Id();
        var fourth = (await q.Asker.ReplyAsync(q.QuestionId, "Fourth.")).Id();
        var voters = new List<Member>();
        for (var i = 0; i < 2; i++)
        {
            var v = await app.NewMemberAsync("voter");
            await v.JoinAsync(q.Slug);
            voters.Add(v);
        }
        // Scores: first 0, second -1, third +2, fourth +1.
        foreach (var v in voters) await v.VoteOkAsync(third, 1);
        await voters[0].VoteOkAsync(fourth, 1);
        await voters[1].VoteOkAsync(q.Second, -1);

        var byScore = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}");
        Assert.Equal([q.QuestionPost, third, fourth, q.First, q.Second], byScore.PostIds());
        Assert.Equal([0, 2, 1, 0, -1], byScore["posts"]!.AsArray().Select(p => p!["score"]!.GetValue<int>()));

        await q.Asker.AcceptOkAsync(q.QuestionId, q.Second);
        var accepted = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}");
        Assert.Equal([q.QuestionPost, q.Second, third, fourth, q.First], accepted.PostIds());
    }

    [Fact]
    public async Task A_long_question_pages_through_its_answers_in_score_order_without_repeats()
    {
        var q = await QuestionWithAnswersAsync();
        var voter = await app.NewMemberAsync("voter");
        await voter.JoinAsync(q.Slug);
        var answers = new List<long> { q.First, q.Second };
        for (var i = 0; i < 5; i++) answers.Add((await q.Answerer.ReplyAsync(q.QuestionId, $"Answer {i}.")).Id());
        await voter.VoteOkAsync(answers[6], 1);
        await voter.VoteOkAsync(answers[4], 1);
        await voter.VoteOkAsync(answers[0], -1);

        var seen = new List<long>();
        var url = $"/api/v1/topics/{q.QuestionId}?limit=3";
        var pages = 0;
        while (true)
        {
            var page = await voter.GetJsonAsync(url);
            seen.AddRange(page.PostIds());
            pages++;
            if (page["next"]?.GetValue<string>() is not { } next) break;
            url = $"/api/v1/topics/{q.QuestionId}?limit=3&cursor={next}";
        }
        Assert.Equal(3, pages);
        long[] expected = [q.QuestionPost, answers[4], answers[6], answers[1], answers[2], answers[3], answers[5], answers[0]];
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_asker_accepts_an_answer_replaces_it_and_takes_it_back()
    {
        var q = await QuestionWithAnswersAsync();

        var accepted = await q.Asker.AcceptOkAsync(q.QuestionId, q.First);
        Assert.True(accepted["solved"]!.GetValue<bool>());
        Assert.Equal(q.First, accepted["acceptedPostId"]!.GetValue<long>());
        var firstAt = accepted["acceptedAt"]!.GetValue<DateTime>();
        var topic = await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}");
        Assert.True(topic["solved"]!.GetValue<bool>());
        Assert.Equal(q.First, topic["acceptedPostId"]!.GetValue<long>());
        Assert.Equal(q.First, topic["posts"]![1]!.Id());

        var again = await q.Asker.AcceptOkAsync(q.QuestionId, q.First);
        Assert.Equal(firstAt, again["acceptedAt"]!.GetValue<DateTime>());
        var replaced = await q.Asker.AcceptOkAsync(q.QuestionId, q.Second);
        Assert.Equal(q.Second, replaced["acceptedPostId"]!.GetValue<long>());
        // The question has been solved since the first acceptance; replacing the answer does not restart that clock.
        Assert.Equal(firstAt, replaced["acceptedAt"]!.GetValue<DateTime>());
        Assert.Equal(q.Second, (await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}"))["acceptedPostId"]!.GetValue<long>());

        var undone = await q.Asker.AcceptOkAsync(q.QuestionId, null);
        Assert.False(undone["solved"]!.GetValue<bool>());
        Assert.Null(undone["acceptedPostId"]);
        Assert.False((await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}"))["solved"]!.GetValue<bool>());

        await q.Asker.AcceptOkAsync(q.QuestionId, q.First);
        var deleted = await (await q.Asker.Http.DeleteAsync($"/api/v1/topics/{q.QuestionId}/accept")).ShouldBe(HttpStatusCode.OK);
        Assert.False(deleted["solved"]!.GetValue<bool>());
        Assert.Null((await app.CreateClient().GetJsonAsync($"/api/v1/topics/{q.QuestionId}"))["acceptedPostId"]);
    }

    [Fact]
    public async Task Another_member_cannot_accept_but_a_moderator_and_a_steward_can()
    {
        var q = await QuestionWithAnswersAsync();
        var other = await app.NewMemberAsync("other");
        await other.JoinAsync(q.Slug);

        await (await other.AcceptAsync(q.QuestionId, q.First)).ShouldFail(HttpStatusCode.Forbidden);
        await (await q.Answerer.AcceptAsync(q.QuestionId, q.First)).ShouldFail(HttpStatusCode.Forbidden);
        await (await q.Answerer.Http.DeleteAsync($"/api/v1/topics/{q.QuestionId}/accept")).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Null((await app.QuestionFootprintAsync(q.QuestionId)).Accepted);

        await q.Steward.MakeModeratorAsync(q.Slug, other);
        Assert.Equal(q.First, (await other.AcceptOkAsync(q.QuestionId, q.First))["acceptedPostId"]!.GetValue<long>());
        Assert.Equal(q.Second, (await q.Steward.AcceptOkAsync(q.QuestionId, q.Second))["acceptedPostId"]!.GetValue<long>());
        await (await q.Answerer.AcceptAsync(q.QuestionId, null)).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Equal(q.Second, (await app.QuestionFootprintAsync(q.QuestionId)).Accepted);
    }

    [Fact]
    public async Task Accepting_the_question_a_post_of_another_topic_or_nothing_named_is_refused()
    {
        var q = await QuestionWithAnswersAsync();
        var elsewhere = await q.Asker.AskAsync(q.Slug, "Another question entirely");
        var foreign = (await q.Answerer.ReplyAsync(elsewhere.Id(), "Answer over there.")).Id();
        var url = $"/api/v1/topics/{q.QuestionId}/accept";

        foreach (var postId in new[] { q.QuestionPost, foreign, 999_999_999 })
        {
            var problem = await (await q.Asker.AcceptAsync(q.QuestionId, postId)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["postId"]);
        }
        await (await q.Asker.Http.PostAsync(url, Api.RawJson("{}"))).ShouldFail(HttpStatusCode.UnprocessableEntity);
        foreach (var body in new[] { """{"postId":"first"}""", """{"postId":""", "[1]" })
            await (await q.Asker.Http.PostAsync(url, Api.RawJson(body))).ShouldFail(HttpStatusCode.BadRequest);
        await (await q.Asker.AcceptAsync(999_999_999, q.First)).ShouldFail(HttpStatusCode.NotFound);

        Assert.Null((await app.QuestionFootprintAsync(q.QuestionId)).Accepted);
        Assert.Null((await app.QuestionFootprintAsync(elsewhere.Id())).Accepted);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM activity_events WHERE kind = 'accepted' AND topic_id = @Id", new { Id = q.QuestionId }));
    }

    [Fact]
    public async Task The_author_of_an_accepted_answer_is_notified_unless_they_accepted_it_or_left()
    {
        var q = await QuestionWithAnswersAsync();
        await q.Asker.AcceptOkAsync(q.QuestionId, q.First);
        // (Answering also watches the topic, so other replies notify too; only the acceptance is counted here.)
        var note = Assert.Single((await q.Answerer.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "answer_accepted")!;
        Assert.Equal("answer_accepted", note["kind"]!.GetValue<string>());
        Assert.Equal(q.Asker.UserName, note["actor"]!.GetValue<string>());
        Assert.Contains($"#post-", note["url"]!.GetValue<string>());

        // The steward accepts their own answer: nobody to tell.
        await q.Steward.AcceptOkAsync(q.QuestionId, q.Second);
        Assert.DoesNotContain((await q.Steward.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "answer_accepted");

        var leaver = await app.NewMemberAsync("leaver");
        await leaver.JoinAsync(q.Slug);
        var answer = (await leaver.ReplyAsync(q.QuestionId, "Parting advice.")).Id();
        await leaver.LeaveAsync(q.Slug);
        await q.Asker.AcceptOkAsync(q.QuestionId, answer);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id AND kind = 'answer_accepted'", new { Id = leaver.Id }));
    }

    [Fact]
    public async Task Question_lists_filter_unanswered_unsolved_and_solved()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var unanswered = (await member.AskAsync(slug, "Nobody has answered me")).Id();
        var open = (await member.AskAsync(slug, "Answered but open")).Id();
        await steward.ReplyAsync(open, "A first idea.");
        var solved = (await member.AskAsync(slug, "Solved already")).Id();
        await member.AcceptOkAsync(solved, (await steward.ReplyAsync(solved, "The answer.")).Id());
        await steward.NewTopicAsync(slug, "A discussion, not a question");

        async Task<long[]> ListAsync(string query) =>
            [.. (await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?{query}"))["items"]!.AsArray().Select(t => t!.Id())];

        Assert.Equal([unanswered], await ListAsync($"space={QuestionSteps.Space}&filter=unanswered"));
        Assert.Equal([open, unanswered], await ListAsync($"space={QuestionSteps.Space}&filter=unsolved"));
        Assert.Equal([solved], await ListAsync($"space={QuestionSteps.Space}&filter=solved"));
        Assert.Equal([solved, open, unanswered], await ListAsync($"space={QuestionSteps.Space}"));
        var listed = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?space={QuestionSteps.Space}");
        Assert.Equal([true, false, false], listed["items"]!.AsArray().Select(t => t!["solved"]!.GetValue<bool>()));

        // Keyset pagination keeps the filter.
        var first = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?space={QuestionSteps.Space}&filter=unsolved&limit=1");
        Assert.Equal(open, Assert.Single(first["items"]!.AsArray())!.Id());
        var second = await app.CreateClient().GetJsonAsync($"/api/v1/communities/{slug}/topics?space={QuestionSteps.Space}&filter=unsolved&limit=1&cursor={first["next"]!.GetValue<string>()}");
        Assert.Equal(unanswered, Assert.Single(second["items"]!.AsArray())!.Id());
        Assert.Null(second["next"]);

        foreach (var bad in new[] { "space=help&filter=Solved", "space=help&filter=open", "filter=solved", "space=general&filter=solved",
                     "space=help&filter=solved&sort=votes", "space=help&filter=solved&cursor=%%%", "space=help&filter=solved&cursor=bm9wZQ" })
            await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/topics?{bad}")).ShouldFail(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/topics?space=nope&filter=solved")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Figures_match_what_was_computed_by_hand()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        var member = await app.NewMemberAsync();
        await member.JoinAsync(slug);
        var url = $"/api/v1/communities/{slug}/spaces/{QuestionSteps.Space}/figures";

        var empty = await app.CreateClient().GetJsonAsync(url);
        Assert.Equal(0, empty["questions"]!.GetValue<int>());
        Assert.Null(empty["shareSolved"]);
        Assert.Null(empty["medianTimeToFirstAnswerSeconds"]);
        Assert.Null(empty["medianTimeToAcceptedAnswerSeconds"]);

        // Four questions asked at t0. First answers after 10, 30 and 60 minutes (the fourth has none); the 30-minute
        // one has a later second answer that must not count. Accepted after 60 (Q1) and 180 (Q2) minutes.
        var t0 = new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var q1 = (await member.AskAsync(slug, "Question one")).Id();
        var q2 = (await member.AskAsync(slug, "Question two")).Id();
        var q3 = (await member.AskAsync(slug, "Question three")).Id();
        var q4 = (await member.AskAsync(slug, "Question four")).Id();
        var a1 = (await steward.ReplyAsync(q1, "A1")).Id();
        var a2 = (await steward.ReplyAsync(q2, "A2")).Id();
        var a2b = (await steward.ReplyAsync(q2, "A2b")).Id();
        var a3 = (await steward.ReplyAsync(q3, "A3")).Id();
        await member.AcceptOkAsync(q1, a1);
        await member.AcceptOkAsync(q2, a2b);
        await steward.NewTopicAsync(slug, "A discussion elsewhere"); // not in the space: never counted

        foreach (var q in new[] { q1, q2, q3, q4 }) await app.SetAsync("UPDATE topics SET created_at = @At WHERE id = @Id", new { Id = q, At = t0 });
        foreach (var (post, minutes) in new[] { (a1, 10), (a2, 30), (a2b, 90), (a3, 60) })
            await app.SetAsync("UPDATE posts SET created_at = @At WHERE id = @Id", new { Id = post, At = t0.AddMinutes(minutes) });
        await app.SetAsync("UPDATE topics SET accepted_at = @At WHERE id = @Id", new { Id = q1, At = t0.AddMinutes(60) });
        await app.SetAsync("UPDATE topics SET accepted_at = @At WHERE id = @Id", new { Id = q2, At = t0.AddMinutes(180) });

        var figures = await app.CreateClient().GetJsonAsync(url);
        Assert.Equal(4, figures["questions"]!.GetValue<int>());
        Assert.Equal(3, figures["answered"]!.GetValue<int>());
        Assert.Equal(2, figures["solved"]!.GetValue<int>());
        Assert.Equal(0.5, figures["shareSolved"]!.GetValue<double>(), 6);
        Assert.Equal(30 * 60, figures["medianTimeToFirstAnswerSeconds"]!.GetValue<double>(), 3);   // median of 10, 30, 60 min
        Assert.Equal(120 * 60, figures["medianTimeToAcceptedAnswerSeconds"]!.GetValue<double>(), 3); // mean of 60 and 180 min

        var page = await Browser.Open(app).PageAsync($"/c/{slug}/s/{QuestionSteps.Space}");
        Assert.Contains("50%", page.QuerySelector("[data-testid=share-solved]")!.TextContent);
        Assert.Equal("30 min", page.QuerySelector("[data-testid=median-first-answer]")!.TextContent.Trim());
        Assert.Equal("2 h", page.QuerySelector("[data-testid=median-accepted-answer]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_questions_routes()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/posts/{id}/vote"]!["post"]);
        Assert.NotNull(paths["/api/v1/topics/{id}/accept"]!["post"]);
        Assert.NotNull(paths["/api/v1/topics/{id}/accept"]!["delete"]);
        Assert.NotNull(paths["/api/v1/communities/{slug}/spaces/{space}/figures"]!["get"]);
        var list = paths["/api/v1/communities/{slug}/topics"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Contains("filter", list);
    }

    [Fact]
    public async Task Figures_exist_only_for_questions_spaces()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewQuestionsCommunityAsync();
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/spaces/general/figures")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/{slug}/spaces/nope/figures")).ShouldFail(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/communities/nope-nope/spaces/help/figures")).ShouldFail(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_question_page_runs_a_fixed_number_of_queries_whatever_its_answers_and_votes()
    {
        var q = await QuestionWithAnswersAsync();
        var voters = new List<Member>();
        for (var i = 0; i < 3; i++)
        {
            var v = await app.NewMemberAsync("voter");
            await v.JoinAsync(q.Slug);
            voters.Add(v);
        }
        var big = await q.Asker.AskAsync(q.Slug, "A popular question");
        var answers = new List<long>();
        for (var i = 0; i < 40; i++) answers.Add((await q.Answerer.ReplyAsync(big.Id(), $"Answer {i}")).Id());
        foreach (var v in voters)
            foreach (var a in answers.Take(20)) await v.VoteOkAsync(a, a % 2 == 0 ? 1 : -1);
        await q.Asker.AcceptOkAsync(big.Id(), answers[33]);
        var browser = Browser.Open(app);
        await browser.SignInAsync(voters[0].UserName);

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

        var apiSmall = await CountAsync(() => voters[0].GetJsonAsync($"/api/v1/topics/{q.QuestionId}"));
        var apiBig = await CountAsync(async () =>
        {
            var topic = await voters[0].GetJsonAsync($"/api/v1/topics/{big.Id()}");
            Assert.Equal(30, topic["posts"]!.AsArray().Count);
            Assert.Equal(answers[33], topic["posts"]![1]!.Id());
            Assert.Contains(topic["posts"]!.AsArray(), p => p!["myVote"]!.GetValue<int>() == 1);
        });
        var smallUrl = (await voters[0].GetJsonAsync($"/api/v1/topics/{q.QuestionId}"))["url"]!.GetValue<string>();
        var pageSmall = await CountAsync(() => browser.PageAsync(smallUrl));
        var bigUrl = big["url"]!.GetValue<string>();
        var pageBig = await CountAsync(async () =>
        {
            var page = await browser.PageAsync(bigUrl);
            Assert.Equal(30, page.QuerySelectorAll("article.post").Length);
            Assert.NotEmpty(page.QuerySelectorAll("button[aria-pressed=true]"));
        });
        Assert.Equal(apiSmall, apiBig);
        Assert.Equal(pageSmall, pageBig);
        // The topic's header row, the page's batch, the viewer's read position (written only when it moves on), and on
        // pages the unread count in the site header: never more, whatever the topic holds.
        Assert.InRange(apiBig, 1, 4);
        Assert.InRange(pageBig, 1, 4);
    }
}

[Collection(Engines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class QuestionsOnSqlite(SqliteApp app) : QuestionsSpec(app);

[Collection(Engines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class QuestionsOnPostgres(PostgresApp app) : QuestionsSpec(app);
