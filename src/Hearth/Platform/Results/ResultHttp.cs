using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Platform.Results;

/// <summary>Maps failures to RFC 9457 problem details, in one place for the whole API.</summary>
public static class ResultHttp
{
    public static int StatusOf(Failure failure) => failure switch
    {
        Failure.NotFound => StatusCodes.Status404NotFound,
        // Forbidden is a 403 only where the caller can already see the resource; hidden things answer NotFound.
        Failure.Forbidden => StatusCodes.Status403Forbidden,
        Failure.Conflict => StatusCodes.Status409Conflict,
        Failure.Invalid => StatusCodes.Status422UnprocessableEntity,
        Failure.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult ToProblem<T>(this Result<T> result) => Problem(result.Failure, result.Message, result.Errors, result.RetryAfter);

    public static ProblemHttpResult Problem(Failure failure, string? message, IReadOnlyDictionary<string, string[]>? errors, int? retryAfter = null)
    {
        var status = StatusOf(failure);
        var extensions = new Dictionary<string, object?>();
        if (errors is not null) extensions["errors"] = errors;
        // RetryAfterHeader turns this into the Retry-After header, so limits inside use cases answer like the rate limiter.
        if (retryAfter is not null) extensions[RetryAfterKey] = retryAfter;
        return TypedResults.Problem(title: message ?? ReasonOf(status), statusCode: status, extensions: extensions);
    }

    public const string RetryAfterKey = "retryAfter";

    private static string ReasonOf(int status) => status switch
    {
        429 => "Too many requests.",
        404 => "Not found.",
        403 => "Forbidden.",
        409 => "Conflict.",
        422 => "Invalid request.",
        _ => "Error.",
    };

    /// <summary>Ok → 200 with the value, otherwise problem details.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrProblem<T>(this Result<T> result) =>
        result.Ok ? TypedResults.Ok(result.Value!) : result.ToProblem();
}
