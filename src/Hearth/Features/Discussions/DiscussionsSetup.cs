namespace Hearth.Features.Discussions;

public static class DiscussionsSetup
{
    public static IServiceCollection AddDiscussions(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapDiscussionsApi(this RouteGroupBuilder api) => api;
}
