namespace Hearth.Features.Announcements;

public static class AnnouncementsSetup
{
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        services.AddSingleton<EditSpace>();
        services.AddSingleton<PinTopic>();
        services.AddSingleton<MarkSeen>();
        return services;
    }
}
