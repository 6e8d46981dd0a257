namespace Hearth.Features.Governance.Pages;

/// <summary>The new-proposal form: the charter as it stands, for the member to edit what they would change.</summary>
public sealed class ProposalForm
{
    public string? Title { get; set; }
    public string? Purpose { get; set; }
    public string? Values { get; set; }
    public string? Rules { get; set; }
    public string? Visibility { get; set; }
    public string? JoinPolicy { get; set; }
}

/// <summary>The governance settings form of the stewards' page.</summary>
public sealed class SettingsForm
{
    public int? VotingDays { get; set; }
    public int? QuorumPercent { get; set; }
    public int? ThresholdPercent { get; set; }
    public int? SupportNeeded { get; set; }
    public bool StewardConfirmation { get; set; }
}
