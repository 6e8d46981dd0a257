using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Platform.Web;

/// <summary>
/// The API accepts the browser's sign-in cookie too; a write authenticated by that cookie must carry the
/// antiforgery token (header <c>RequestVerificationToken</c>), or any site could post in the member's name.
/// Bearer-token calls cannot be forged cross-site and need none.
/// </summary>
public sealed class ApiAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
        if (unsafeMethod && http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return TypedResults.Problem(title: "Missing or invalid antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}
