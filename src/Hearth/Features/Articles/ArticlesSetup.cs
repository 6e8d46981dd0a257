namespace Hearth.Features.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<EditArticle>();
        services.AddSingleton<RevertArticle>();
        services.AddSingleton<PublishArticle>();
        services.AddSingleton<MakeArticle>();
        services.AddSingleton<SetEditPolicy>();
        return services;
    }
}
