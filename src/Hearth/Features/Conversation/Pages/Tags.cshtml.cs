using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Conversation.Pages;

/// <summary>A community's tags, most used first.</summary>
public sealed class TagsModel(TopicQueries queries) : PageModel
{
    public CommunityAccess Community { get; private set; } = new();
    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var result = await queries.TagsAsync(slug, User.UserId());
        if (!result.Ok) return NotFound();
        (Community, Tags) = result.Value;
        return Page();
    }
}
