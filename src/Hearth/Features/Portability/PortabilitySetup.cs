namespace Hearth.Features.Portability;

public static class PortabilitySetup
{
    public static IServiceCollection AddPortability(this IServiceCollection services)
    {
        services.AddOptions<PortabilityOptions>().BindConfiguration("Hearth:Portability");
        services.AddSingleton<ExportCommunity>();
        services.AddSingleton<ImportCommunity>();
        services.AddSingleton<ExportConsent>();
        services.AddSingleton<OldLinks>();
        return services;
    }
}
