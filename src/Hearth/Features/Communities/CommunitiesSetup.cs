namespace Hearth.Features.Communities;

public static class CommunitiesSetup
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.AddSingleton<CommunityAccessQuery>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<CreateCommunity>();
        services.AddSingleton<EditCommunity>();
        return services;
    }
}
