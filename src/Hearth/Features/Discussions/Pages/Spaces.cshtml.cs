using Hearth.Features.Accounts;
using Hearth.Features.Communities;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Discussions.Pages;

/// <summary>The fields of the add-space form (community home and this page).</summary>
public sealed class SpaceForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Kind { get; set; } = nameof(SpaceKind.Discussion);
    public string? Description { get; set; }
    public bool AllowReplies { get; set; } = true;
}

/// <summary>A community's spaces; stewards add new ones here (the community home's form posts to this page).</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class SpacesModel(TopicQueries queries, AddSpace add) : PageModel
{
    // The form's fields are bare (Name, Slug, ...); the route calls the community "community" so "Slug" is only the new space's.
    [BindProperty] public SpaceForm Form { get; set; } = new();
    public CommunityAccess Community { get; private set; } = new();
    public IReadOnlyList<SpaceView> Spaces { get; private set; } = [];
    public bool MayAdd { get; private set; }

    public async Task<IActionResult> OnGetAsync(string community) => await LoadAsync(community) ?? Page();

    public async Task<IActionResult> OnPostAsync(string community)
    {
        if (User.UserId() is not { } me) return Challenge();
        var result = await add.HandleAsync(community, new AddSpaceRequest(Form.Name, Form.Slug, Form.Kind, Form.Description, AllowReplies: Form.AllowReplies), me);
        if (result.Failure is Failure.NotFound) return NotFound();
        if (result.Failure is Failure.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Ok)
        {
            TempData["Flash"] = $"Space '{result.Value!.Name}' added.";
            return Redirect($"/c/{community.ToLowerInvariant()}/s/{result.Value.Slug}");
        }
        if (await LoadAsync(community) is { } missing) return missing;
        ModelState.AddProblem(result);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string community)
    {
        var spaces = await queries.SpacesAsync(community, User.UserId());
        if (!spaces.Ok) return NotFound();
        (Community, Spaces) = spaces.Value!;
        MayAdd = TopicPermissions.MayAddSpace(Community);
        return null;
    }
}
