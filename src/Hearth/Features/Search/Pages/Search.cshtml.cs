using Hearth.Features.Accounts;
using Hearth.Features.Shared;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Search.Pages;

/// <summary>
/// The search page: a GET form (so results can be bookmarked and shared) over the same queries as the API. With
/// <c>topic</c> it searches inside that one topic.
/// </summary>
public sealed class SearchModel(SearchQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Community { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Author { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Solved { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public long? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public bool Searched { get; private set; }
    public Page<SearchHit> Results { get; private set; } = Hearth.Platform.Web.Page.Of<SearchHit>([]);
    public Page<TopicMatch> Matches { get; private set; } = Hearth.Platform.Web.Page.Of<TopicMatch>([]);

    public static readonly string[] Kinds = ["Discussion", "Questions", "Ideas", "Announcements", "Articles", "Events"];

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Q)) return Page();
        if (Topic is { } topic)
        {
            var inTopic = await queries.InTopicAsync(topic, Q, User.UserId(), Cursor, null);
            if (inTopic.Failure is Failure.NotFound) return NotFound();
            if (!inTopic.Ok) { ModelState.AddProblem(inTopic); return Page(); }
            Searched = true;
            Matches = inTopic.Value!;
            return Page();
        }
        var result = await queries.SearchAsync(new SearchRequest(Q, Type, Community, Kind, Author, Tag, Solved, From, To, Cursor), User.UserId());
        if (result.Failure is Failure.NotFound) ModelState.AddModelError(nameof(Community), result.Message ?? "No such community.");
        else if (!result.Ok) ModelState.AddProblem(result);
        else
        {
            Searched = true;
            Results = result.Value!;
        }
        return Page();
    }

    /// <summary>This search's address with another cursor: every filter kept.</summary>
    public string NextUrl(string cursor)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["type"] = Type,
            ["community"] = Community,
            ["kind"] = Kind,
            ["author"] = Author,
            ["tag"] = Tag,
            ["solved"] = Solved,
            ["from"] = From,
            ["to"] = To,
            ["topic"] = Topic?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }
}
