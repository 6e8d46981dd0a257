using System.Security.Claims;

namespace Hearth.Features.Accounts;

/// <summary>Who is asking: the signed-in user's id from the cookie or bearer token, or nobody.</summary>
public static class Viewer
{
    public static long? UserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
