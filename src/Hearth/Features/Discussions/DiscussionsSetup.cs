namespace Hearth.Features.Discussions;

public static class DiscussionsSetup
{
    public static IServiceCollection AddDiscussions(this IServiceCollection services)
    {
        services.AddSingleton<TopicQueries>();
        services.AddSingleton<AddSpace>();
        services.AddSingleton<CreateTopic>();
        services.AddSingleton<ReplyToTopic>();
        return services;
    }
}
