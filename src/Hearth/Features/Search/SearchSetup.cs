using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Search;

public static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<IPostConfigureOptions<RazorPagesOptions>, BenchReferenceRoute>();
        return services;
    }

    /// <summary>
    /// The benchmark's reference page (<c>/bench/reference</c>) exists only when <c>Hearth:Bench:Enabled</c> is true:
    /// otherwise its route is removed, so a production site does not serve it at all. (Post-configure: the framework's
    /// own setup of the options runs after features' and would drop a convention added earlier.)
    /// </summary>
    private sealed class BenchReferenceRoute(IConfiguration configuration) : IPostConfigureOptions<RazorPagesOptions>
    {
        public void PostConfigure(string? name, RazorPagesOptions options)
        {
            if (configuration.GetValue<bool>("Hearth:Bench:Enabled")) return;
            options.Conventions.AddPageRouteModelConvention("/Search/Pages/BenchReference", model => model.Selectors.Clear());
        }
    }
}
