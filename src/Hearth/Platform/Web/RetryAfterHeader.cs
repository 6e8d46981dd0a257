using Hearth.Platform.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Platform.Web;

/// <summary>
/// A 429 from a use case (slow mode, a new member's posting rate) carries the seconds to wait in its problem details;
/// this filter sends them as the Retry-After header too, as the framework's rate limiter does for its own 429s.
/// </summary>
public sealed class RetryAfterHeader : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is ProblemHttpResult { StatusCode: StatusCodes.Status429TooManyRequests } problem
            && problem.ProblemDetails.Extensions.TryGetValue(ResultHttp.RetryAfterKey, out var seconds) && seconds is int s)
            Set(context.HttpContext.Response, s);
        return result;
    }

    public static void Set(HttpResponse response, int seconds) =>
        response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
