using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Articles;

public sealed record ArticleSpaceModel(CommunityAccess Community, SpaceView Space, string EditPolicy)
{
    public bool MaySet => ArticlePermissions.MaySetEditPolicy(Community);
}

/// <summary>An Articles space's edit policy on its page, with the form stewards change it with; nothing for other kinds.</summary>
public sealed class ArticleSpaceViewComponent(ArticleQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(CommunityAccess community, SpaceView space)
    {
        if (space.Kind != nameof(SpaceKind.Articles)) return Content("");
        var policy = await queries.EditPolicyAsync(community.Id, space.Slug);
        return View("/Features/Articles/Components/ArticleSpace.cshtml", new ArticleSpaceModel(community, space, policy));
    }
}
