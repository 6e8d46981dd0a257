namespace Hearth.Features.Membership;

public static class MembershipSetup
{
    public static IServiceCollection AddMembership(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapMembershipApi(this RouteGroupBuilder api) => api;
}
