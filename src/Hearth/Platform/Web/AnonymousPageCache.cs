using Microsoft.AspNetCore.OutputCaching;

namespace Hearth.Platform.Web;

/// <summary>
/// Readers who are not signed in all get the same HTML and JSON of a public page, so the hot read paths (home,
/// community home, topic list, topic page and its JSON) keep it in memory for <c>Hearth:PageCache:Seconds</c>
/// (default 5; 0 turns it off). The framework's output cache already refuses what must not be shared: signed-in
/// and bearer-token requests, responses that set a cookie (forms with antiforgery), anything but a 200 — so private
/// and restricted content, which anonymous readers only ever see as 404, is never stored. Any successful write over
/// HTTP empties the cache of this node; another node's copy lives at most the few seconds of its lifetime.
/// </summary>
public static class AnonymousPageCache
{
    public const string Policy = "anonymous-page";
    private const string Tag = "content";
    // A request carrying a flash message must render it, not a page stored without it.
    public const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public static IServiceCollection AddAnonymousPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = Math.Max(0, configuration.GetValue("Hearth:PageCache:Seconds", 5));
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 64L * 1024 * 1024;
            o.AddPolicy(Policy, b =>
            {
                if (seconds == 0) b.NoCache();
                else b.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag).With(c => !c.HttpContext.Request.Cookies.ContainsKey(TempDataCookie));
            });
        });
        return services;
    }

    public static WebApplication UseAnonymousPageCache(this WebApplication app)
    {
        app.UseOutputCache();
        app.Use(async (http, next) =>
        {
            await next(http);
            var method = http.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && http.Response.StatusCode < 400)
                await http.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, default);
        });
        return app;
    }
}
