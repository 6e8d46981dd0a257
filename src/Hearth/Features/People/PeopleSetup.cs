namespace Hearth.Features.People;

public static class PeopleSetup
{
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddSingleton<PeopleQueries>();
        services.AddSingleton<EditProfile>();
        services.AddSingleton<FollowMember>();
        services.AddSingleton<BlockMember>();
        services.AddSingleton<EndorseMember>();
        return services;
    }
}
