using Hearth.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Conversation.Pages;

/// <summary>Every kept revision of a post, newest first, for anyone who may read the post.</summary>
public sealed class HistoryModel(ConversationQueries queries) : PageModel
{
    public PostHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var history = await queries.RevisionsAsync(id, User.UserId());
        if (!history.Ok) return NotFound();
        History = history.Value!;
        return Page();
    }
}
