namespace Hearth.Features.Moderation;

public static class ModerationSetup
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration("Hearth:Moderation");
        services.AddSingleton<PostingGate>();
        services.AddSingleton<TrustLevels>();
        services.AddSingleton<FlagContent>();
        services.AddSingleton<ResolveFlag>();
        services.AddSingleton<ModeratePost>();
        services.AddSingleton<SanctionMember>();
        services.AddSingleton<SanctionAccount>();
        services.AddSingleton<SetSlowMode>();
        services.AddSingleton<AppealAction>();
        services.AddSingleton<DecideAppeal>();
        services.AddSingleton<ChangeModerationSettings>();
        services.AddSingleton<ManageWatchedWords>();
        services.AddSingleton<ModerationQueries>();
        return services;
    }
}
