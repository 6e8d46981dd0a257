using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Conversation.Pages;

/// <summary>Who reacted to a post, and with what.</summary>
public sealed class ReactionsModel(ConversationQueries queries) : PageModel
{
    public Page<ReactionView> Reactions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, string? cursor)
    {
        var reactions = await queries.ReactionsAsync(id, User.UserId(), cursor, null);
        if (reactions.Failure is Hearth.Platform.Results.Failure.Invalid) return BadRequest();
        if (!reactions.Ok) return NotFound();
        Reactions = reactions.Value!;
        return Page();
    }
}
