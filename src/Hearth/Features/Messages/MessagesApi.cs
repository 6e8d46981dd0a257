using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Messages;

/// <summary>Private conversations. Only participants see one; to anyone else it answers 404.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Messages").RequireAuthorization();

        conversations.MapPost("", async Task<Results<Created<ConversationView>, ProblemHttpResult>> (
            StartConversationRequest request, HttpContext http, StartConversation start, MessageQueries queries) =>
        {
            var me = http.User.UserId()!.Value;
            var result = await start.HandleAsync(request, me);
            if (!result.Ok) return result.ToProblem();
            var (view, _) = await queries.ConversationAsync(result.Value!.Id, me, null, null);
            return TypedResults.Created($"/api/v1/conversations/{result.Value.Id}", view!);
        }).RequireRateLimiting(RateLimits.Writes)
          .WithName("StartConversation")
          .WithSummary("Write privately to one or more members: {to: [userNames], subject, body (Markdown)}; each recipient is notified");

        conversations.MapGet("", async Task<Results<Ok<Page<ConversationSummary>>, ProblemHttpResult>> (
            string? cursor, int? limit, HttpContext http, MessageQueries queries) =>
            await queries.InboxAsync(http.User.UserId()!.Value, cursor, limit) is { } page ? TypedResults.Ok(page) : BadCursor())
            .WithName("ListConversations")
            .WithSummary("The caller's conversations, latest message first, each with the caller's own unread count");

        conversations.MapGet("/{id:long}", async Task<Results<Ok<ConversationView>, ProblemHttpResult>> (
            long id, string? cursor, int? limit, HttpContext http, MessageQueries queries) =>
        {
            var (view, badCursor) = await queries.ConversationAsync(id, http.User.UserId()!.Value, cursor, limit);
            return badCursor ? BadCursor() : view is null ? NoSuchConversation() : TypedResults.Ok(view);
        }).WithName("GetConversation")
          .WithSummary("A conversation with a page of its messages, oldest first; reading it marks those messages read for the caller");

        conversations.MapPost("/{id:long}/messages", async Task<Results<Created<SentMessage>, ProblemHttpResult>> (
            long id, SendMessageRequest request, HttpContext http, SendMessage send) =>
        {
            var result = await send.HandleAsync(id, request, http.User.UserId()!.Value);
            return result.Ok ? TypedResults.Created(result.Value!.Url, result.Value) : result.ToProblem();
        }).RequireRateLimiting(RateLimits.Writes)
          .WithName("SendMessage")
          .WithSummary("Write in a conversation (participants only); the others are notified");

        return api;
    }

    private static ProblemHttpResult NoSuchConversation() => ResultHttp.Problem(Failure.NotFound, "No such conversation.", null);

    private static ProblemHttpResult BadCursor() =>
        TypedResults.Problem(title: "The cursor is not valid.", statusCode: StatusCodes.Status400BadRequest);
}
