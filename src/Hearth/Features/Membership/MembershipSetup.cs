namespace Hearth.Features.Membership;

public static class MembershipSetup
{
    public static IServiceCollection AddMembership(this IServiceCollection services)
    {
        services.AddSingleton<JoinCommunity>();
        services.AddSingleton<LeaveCommunity>();
        services.AddSingleton<ChangeRole>();
        services.AddSingleton<DecideRequest>();
        services.AddSingleton<InviteMember>();
        services.AddSingleton<AcceptInvitation>();
        services.AddSingleton<MembershipQueries>();
        return services;
    }
}
