using System.Threading.RateLimiting;
using Hearth.Features.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Platform.Web;

/// <summary>Limits from <c>Hearth:RateLimits</c>; the defaults suit a community site, tests may raise them.</summary>
public sealed class RateLimitOptions
{
    public int LoginsPerMinute { get; set; } = 10;
    public int RegistrationsPerHour { get; set; } = 20;
    public int WritesPerMinute { get; set; } = 60;
}

/// <summary>The framework rate limiter, partitioned by account (or address when anonymous); rejections are 429 with Retry-After.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Writes = "writes";

    public static IServiceCollection AddHearthRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Hearth:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsync("""{"title":"Too many requests; try again shortly.","status":429}""", ct);
            };
            limiter.AddPolicy(Login, http => Window(http, Address(http), options.LoginsPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(Register, http => Window(http, Address(http), options.RegistrationsPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Writes, http => Window(http, http.User.UserId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Address(http), options.WritesPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // Pages share one endpoint for GET and POST; only the writes count.
    private static RateLimitPartition<string> Window(HttpContext http, string key, int permits, TimeSpan window) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
        ? RateLimitPartition.GetNoLimiter("reads")
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
        });
}
