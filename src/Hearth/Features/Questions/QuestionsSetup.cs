namespace Hearth.Features.Questions;

public static class QuestionsSetup
{
    public static IServiceCollection AddQuestions(this IServiceCollection services)
    {
        services.AddSingleton<QuestionQueries>();
        services.AddSingleton<VoteOnAnswer>();
        services.AddSingleton<AcceptAnswer>();
        return services;
    }
}
