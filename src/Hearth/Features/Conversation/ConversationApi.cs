using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Conversation;

public static class ConversationSetup
{
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<ReactToPost>();
        services.AddSingleton<EditPost>();
        services.AddSingleton<DeletePost>();
        services.AddSingleton<LockTopic>();
        services.AddSingleton<ArchiveTopic>();
        services.AddSingleton<MoveTopic>();
        services.AddSingleton<RecordRead>();
        services.AddSingleton<VoteInPoll>();
        return services;
    }
}

/// <summary>
/// The routes of a post's life after it is written: reactions, edits with kept revisions, deletion by its author.
/// What the caller may not read is 404; a post that is not shown takes no reactions or edits (409).
/// </summary>
public static class ConversationApi
{
    public static RouteGroupBuilder MapConversationApi(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts/{id:long}").WithTags("Conversation");

        posts.MapPut("/reactions/{kind}", async Task<Results<Ok<PostReactions>, ProblemHttpResult>> (
            long id, string kind, HttpContext http, ReactToPost react) =>
            (await react.HandleAsync(id, kind, add: true, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("AddReaction")
            .WithSummary("React to a post with one kind (like, thanks, insightful, laugh, celebrate); one of each kind per member; idempotent");

        posts.MapDelete("/reactions/{kind}", async Task<Results<Ok<PostReactions>, ProblemHttpResult>> (
            long id, string kind, HttpContext http, ReactToPost react) =>
            (await react.HandleAsync(id, kind, add: false, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("RemoveReaction")
            .WithSummary("Take back one's reaction of a kind; idempotent");

        posts.MapGet("/reactions", async Task<Results<Ok<Page<ReactionView>>, ProblemHttpResult>> (
            long id, string? cursor, int? limit, HttpContext http, ConversationQueries queries) =>
        {
            var result = await queries.ReactionsAsync(id, http.User.UserId(), cursor, limit);
            return result.Failure == Failure.Invalid ? TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest) : result.OkOrProblem();
        }).WithName("ListReactions").WithSummary("Who reacted to a post and with what, oldest first, keyset paginated");

        posts.MapPatch("", async Task<Results<Ok<EditedPost>, ProblemHttpResult>> (
            long id, EditPostRequest request, HttpContext http, EditPost edit) =>
            (await edit.HandleAsync(id, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("EditPost")
            .WithSummary("The author or a moderator edits a post {body, title?}; the first post's title is the topic's; every version is kept");

        posts.MapGet("/revisions", async Task<Results<Ok<Page<RevisionView>>, ProblemHttpResult>> (
            long id, HttpContext http, ConversationQueries queries) =>
        {
            var result = await queries.RevisionsAsync(id, http.User.UserId());
            return result.Ok ? TypedResults.Ok(Page.Of(result.Value!.Revisions)) : result.ToProblem();
        }).WithName("ListRevisions").WithSummary("The kept revisions of a post, oldest (the original) first; empty when never edited");

        posts.MapDelete("", async Task<Results<Ok<PostStateView>, ProblemHttpResult>> (
            long id, HttpContext http, DeletePost delete) =>
            (await delete.HandleAsync(id, restore: false, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("DeletePost")
            .WithSummary("The author deletes their post: it shows as a placeholder, its source is kept; idempotent");


        var topics = api.MapGroup("/topics/{id:long}").WithTags("Conversation");

        topics.MapPost("/lock", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, LockRequest request, HttpContext http, LockTopic lockTopic, TopicQueries queries) =>
            await TopicAfterAsync(await lockTopic.HandleAsync(id, request, http.User.UserId()!.Value), id, http, queries))
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("LockTopic")
            .WithSummary("Moderators lock {locked: true} or unlock {locked: false} a topic; a locked topic takes no replies");

        topics.MapPost("/archive", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, ArchiveRequest request, HttpContext http, ArchiveTopic archive, TopicQueries queries) =>
            await TopicAfterAsync(await archive.HandleAsync(id, request, http.User.UserId()!.Value), id, http, queries))
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("ArchiveTopic")
            .WithSummary("Moderators archive {archived: true} or restore {archived: false} a topic; an archived topic is read-only");

        topics.MapPost("/move", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, MoveRequest request, HttpContext http, MoveTopic move, TopicQueries queries) =>
            await TopicAfterAsync(await move.HandleAsync(id, request, http.User.UserId()!.Value), id, http, queries))
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("MoveTopic")
            .WithSummary("Moderators move a topic to another space {space} (slug) of the same community");

        topics.MapPost("/poll/vote", async Task<Results<Ok<TopicView>, ProblemHttpResult>> (
            long id, BallotRequest request, HttpContext http, VoteInPoll vote, TopicQueries queries) =>
            await TopicAfterAsync(await vote.HandleAsync(id, request, http.User.UserId()!.Value), id, http, queries))
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithName("VoteInPoll")
            .WithSummary("Cast (or replace) one's ballot in the topic's poll {options: [optionId, ...]}: one option unless the poll is multiple choice");

        api.MapPost("/communities/{slug}/read", async Task<Results<Ok<MarkedRead>, ProblemHttpResult>> (
            string slug, HttpContext http, RecordRead read) =>
            (await read.AllAsync(slug, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Conversation").WithName("MarkCommunityRead")
            .WithSummary("Mark every topic of a community read, up to its last post");

        api.MapGet("/communities/{slug}/mentions", async Task<Results<Ok<Page<AuthorView>>, ProblemHttpResult>> (
            string slug, string? q, HttpContext http, ConversationQueries queries) =>
            (await queries.MentionCandidatesAsync(slug, q, http.User.UserId())).OkOrProblem())
            .WithTags("Conversation").WithName("MentionCandidates")
            .WithSummary("Up to 8 active members whose user names start with q, for @mention completion (readers of the community only)");

        return api;
    }

    private static async Task<Results<Ok<TopicView>, ProblemHttpResult>> TopicAfterAsync<T>(Result<T> result, long id, HttpContext http, TopicQueries queries)
    {
        if (!result.Ok) return result.ToProblem();
        return await queries.TopicAsync(id, http.User.UserId()) is { } topic ? TypedResults.Ok(topic) : ResultHttp.Problem(Failure.NotFound, "No such topic.", null);
    }
}
