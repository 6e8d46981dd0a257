namespace Hearth.Features.Governance;

public static class GovernanceSetup
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddSingleton<ProposalQueries>();
        services.AddSingleton<GovernanceQueries>();
        services.AddSingleton<OpenProposal>();
        services.AddSingleton<SupportProposal>();
        services.AddSingleton<VoteOnProposal>();
        services.AddSingleton<WithdrawProposal>();
        services.AddSingleton<CloseProposals>();
        services.AddSingleton<ChangeGovernanceSettings>();
        services.AddSingleton<DecideStewardChange>();
        return services;
    }
}
