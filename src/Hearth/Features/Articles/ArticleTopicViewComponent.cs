using Hearth.Features.Accounts;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Articles;

/// <summary>What the topic page shows for an article (contributors, history, edit and publish) or a solved question (make an article, or the link to it).</summary>
public sealed record ArticleTopicModel(TopicView Topic, ArticleView? Article, QuestionPanel? Question, long? Viewer)
{
    public bool MayMakeArticle => Question is { Header: var q } && q.AcceptedPostId is not null && q.WrittenUpAs is null
        && q.SpaceKind == nameof(SpaceKind.Questions) && ArticlePermissions.MayMakeArticle(q.Access, Viewer == q.AuthorId);
}

/// <summary>
/// The article part of the topic page. Invoked for every topic, it queries nothing for kinds other than Articles and
/// Questions, so a discussion's page costs what it did; for those two it adds one command.
/// </summary>
public sealed class ArticleTopicViewComponent(ArticleQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(TopicView topic)
    {
        var viewer = UserClaimsPrincipal.UserId();
        var (article, question) = await queries.PanelAsync(topic, viewer);
        if (article is null && question is null) return Content("");
        return View("/Features/Articles/Components/ArticleTopic.cshtml", new ArticleTopicModel(topic, article, question, viewer));
    }
}
