namespace Hearth.Features.Health;

public static class HealthSetup
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration("Hearth:Health");
        services.AddSingleton<HealthRollUp>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthRollUp>());
        services.AddSingleton<HealthQueries>();
        return services;
    }
}
