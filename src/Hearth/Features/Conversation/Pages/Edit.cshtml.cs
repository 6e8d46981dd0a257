using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Data;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Conversation.Pages;

/// <summary>The author (or a moderator) edits a post; the first post's form also carries the topic's title.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class EditModel(Db db, EditPost edit) : PageModel
{
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Title { get; set; }
    public int PostNumber { get; private set; }
    public string Back { get; private set; } = "";
    public string CommunitySlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        if (await LoadAsync(id, me) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (User.UserId() is not { } me) return Challenge();
        var body = Body;
        var title = Title;
        if (await LoadAsync(id, me) is { } refused) return refused;
        var result = await edit.HandleAsync(id, new EditPostRequest(body, PostNumber == 1 ? title : null), me);
        if (result.Ok) return Redirect(result.Value!.Url);
        (Body, Title) = (body, title);
        ModelState.AddProblem(result);
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return Page();
    }

    /// <summary>The form's current text; NotFound for what the viewer may not see, 403 for what they may not edit.</summary>
    private async Task<IActionResult?> LoadAsync(long id, long me)
    {
        await using var connection = await db.OpenAsync();
        var loaded = await PostRecords.LoadAsync(connection, id, me);
        if (!loaded.Ok || !loaded.Value!.Post.IsVisible) return NotFound();
        var (post, topic) = (loaded.Value.Post, loaded.Value.Topic);
        if (!ConversationPermissions.MayEdit(topic.Access, post.AuthorId == me)) return StatusCode(StatusCodes.Status403Forbidden);
        (Body, Title, PostNumber, Back, CommunitySlug) = (post.Body, topic.Title, post.PostNumber, loaded.Value.Url, topic.CommunitySlug);
        return null;
    }
}
