using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Messages.Pages;

/// <summary>The member's conversations, unread first in bold, and the form to start one.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class InboxModel(MessageQueries queries, StartConversation start) : PageModel
{
    public Page<ConversationSummary> Conversations { get; private set; } = Hearth.Platform.Web.Page.Of<ConversationSummary>([]);
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(string? to, string? cursor)
    {
        To = to;
        if (await queries.InboxAsync(User.UserId()!.Value, cursor, 30) is not { } page) return BadRequest();
        Conversations = page;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var names = (To ?? "").Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(n => (string?)n.TrimStart('@')).ToList();
        var result = await start.HandleAsync(new StartConversationRequest(names, Subject, Body), User.UserId()!.Value);
        if (result.Ok) return Redirect(result.Value!.Url);
        ModelState.AddProblem(result);
        Conversations = await queries.InboxAsync(User.UserId()!.Value, null, 30) ?? Conversations;
        return Page();
    }
}
