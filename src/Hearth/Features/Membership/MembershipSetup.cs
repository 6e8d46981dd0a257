namespace Hearth.Features.Membership;

public static class MembershipSetup
{
    public static IServiceCollection AddMembership(this IServiceCollection services)
    {
        services.AddSingleton<JoinCommunity>();
        services.AddSingleton<LeaveCommunity>();
        return services;
    }
}
