namespace Hearth.Features.Ideas;

public static class IdeasSetup
{
    public static IServiceCollection AddIdeas(this IServiceCollection services)
    {
        services.AddSingleton<IdeaQueries>();
        services.AddSingleton<VoteForIdea>();
        services.AddSingleton<ChangeIdeaStatus>();
        return services;
    }
}
