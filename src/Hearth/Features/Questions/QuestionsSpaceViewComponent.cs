using System.Globalization;
using Hearth.Features.Communities;
using Hearth.Features.Discussions;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Questions;

public sealed record QuestionsSpaceModel(CommunityAccess Community, SpaceView Space, string? Filter, QuestionFigures? Figures)
{
    public string Url(QuestionFilter? filter) =>
        $"/c/{Community.Slug}/s/{Space.Slug}" + (filter is { } f ? "?filter=" + QuestionFilters.Wire(f) : "");
}

/// <summary>
/// A Questions space page's filters and figures (one query, only on Questions spaces); nothing for other kinds.
/// The space page has already decided that the viewer may read the community.
/// </summary>
public sealed class QuestionsSpaceViewComponent(QuestionQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(TopicListing listing, string? filter)
    {
        if (listing.Space is not { } space || !QuestionPermissions.IsQuestion(space.Kind)) return Content("");
        var figures = await queries.FiguresAsync(listing.Community.Id, space.Slug);
        return View("/Features/Questions/Components/QuestionsSpace.cshtml", new QuestionsSpaceModel(listing.Community, space, filter, figures));
    }
}

/// <summary>Durations as people read them: "45 s", "12 min", "3 h 20 min", "2 d 4 h".</summary>
public static class Durations
{
    public static string Format(double? seconds)
    {
        if (seconds is not { } s) return "—";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        string N(double n) => ((long)n).ToString(CultureInfo.InvariantCulture);
        if (span.TotalMinutes < 1) return $"{N(span.TotalSeconds)} s";
        if (span.TotalHours < 1) return $"{N(span.TotalMinutes)} min";
        if (span.TotalDays < 1) return span.Minutes == 0 ? $"{N(span.TotalHours)} h" : $"{N(span.TotalHours)} h {N(span.Minutes)} min";
        return span.Hours == 0 ? $"{N(span.TotalDays)} d" : $"{N(span.TotalDays)} d {N(span.Hours)} h";
    }

    public static string Percent(double? share) =>
        share is { } v ? Math.Round(v * 100).ToString(CultureInfo.InvariantCulture) + "%" : "—";
}
