using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Messages.Pages;

/// <summary>One conversation, for its participants only (anyone else gets a 404), with the reply form.</summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class ConversationModel(MessageQueries queries, SendMessage send) : PageModel
{
    public ConversationView Conversation { get; private set; } = new();
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, string? cursor)
    {
        var (view, badCursor) = await queries.ConversationAsync(id, User.UserId()!.Value, cursor, 50);
        if (badCursor) return BadRequest();
        if (view is null) return NotFound();
        Conversation = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var result = await send.HandleAsync(id, new SendMessageRequest(Body), User.UserId()!.Value);
        if (result.Failure == Failure.NotFound) return NotFound();
        if (result.Ok) return Redirect(result.Value!.Url);
        ModelState.AddProblem(result);
        var (view, _) = await queries.ConversationAsync(id, User.UserId()!.Value, null, 50);
        if (view is null) return NotFound();
        Conversation = view;
        return Page();
    }
}
