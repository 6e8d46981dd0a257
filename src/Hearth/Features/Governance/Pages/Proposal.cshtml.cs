using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Governance.Pages;

/// <summary>
/// One proposal: its change against what it replaces, support and votes, the result, and the buttons to support,
/// vote and withdraw (plain forms; each answers with a redirect back here and a flash).
/// </summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class ProposalModel(ProposalQueries queries, SupportProposal support, VoteOnProposal voting, WithdrawProposal withdraw) : PageModel
{
    public ProposalView Proposal { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (await queries.GetAsync(id, User.UserId()) is not { } proposal
            || !string.Equals(proposal.CommunitySlug, slug, StringComparison.OrdinalIgnoreCase)) return NotFound();
        Proposal = proposal;
        return Page();
    }

    public Task<IActionResult> OnPostVoteAsync(string slug, long id, string? vote) =>
        ActAsync(slug, id, me => voting.HandleAsync(id, new ProposalVoteRequest(vote), me), p => $"Your vote is cast: {p.MyVote}.");

    public Task<IActionResult> OnPostSupportAsync(string slug, long id) =>
        ActAsync(slug, id, me => support.HandleAsync(id, me),
            p => p.State == nameof(ProposalState.Open) ? "Thank you: with your support the proposal is open for a vote." : "Thank you for your support.");

    public Task<IActionResult> OnPostWithdrawAsync(string slug, long id) =>
        ActAsync(slug, id, me => withdraw.HandleAsync(id, me), _ => "The proposal is withdrawn.");

    private async Task<IActionResult> ActAsync(string slug, long id, Func<long, Task<Result<ProposalView>>> act, Func<ProposalView, string> flash)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await act(me);
        if (result.Failure is Failure.NotFound) return NotFound();
        TempData["Flash"] = result.Ok ? flash(result.Value!)
            : result.Errors is { Count: > 0 } errors ? errors.Values.First().First() : result.Message;
        return Redirect(ProposalQueries.UrlOf(slug.ToLowerInvariant(), id));
    }
}
