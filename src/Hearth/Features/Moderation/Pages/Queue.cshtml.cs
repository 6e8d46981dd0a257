using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Features.Moderation.Pages;

/// <summary>
/// A community's review queue for its moderators and stewards: open flags, posts held for approval and appeals,
/// each with its decision forms; stewards also set the moderation settings here. Anyone else finds nothing (404).
/// </summary>
[Authorize, EnableRateLimiting(RateLimits.Writes)]
public sealed class QueueModel(ModerationQueries queries, ResolveFlag resolve, ModeratePost moderate, DecideAppeal decide, ChangeModerationSettings settings) : PageModel
{
    public ModerationScope Scope { get; private set; } = null!;
    public Page<FlagView> Flags { get; private set; } = Hearth.Platform.Web.Page.Of<FlagView>([]);
    public Page<PendingPostView> Pending { get; private set; } = Hearth.Platform.Web.Page.Of<PendingPostView>([]);
    public Page<ActionView> Appeals { get; private set; } = Hearth.Platform.Web.Page.Of<ActionView>([]);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public Task<IActionResult> OnPostResolveAsync(string slug, long flagId, string? decision, string? note) =>
        ActAsync(slug, async me => Say(await resolve.HandleAsync(flagId, new ResolveFlagRequest(decision, note), me), "The flag is resolved."));

    public Task<IActionResult> OnPostPostAsync(string slug, long postId, string? verb, string? reason) =>
        ActAsync(slug, async me => verb switch
        {
            "hide" => Say(await moderate.HandleAsync(postId, ActionKind.HidePost, new ModeratePostRequest(reason), me), "The post is hidden."),
            "delete" => Say(await moderate.HandleAsync(postId, ActionKind.RemovePost, new ModeratePostRequest(reason), me), "The post is removed."),
            "approve" => Say(await moderate.HandleAsync(postId, ActionKind.ApprovePost, new ModeratePostRequest(reason), me), "The post is approved."),
            "reject" => Say(await moderate.HandleAsync(postId, ActionKind.RejectPost, new ModeratePostRequest(reason), me), "The post is rejected."),
            _ => Problem.Invalid("Unknown action."),
        });

    public Task<IActionResult> OnPostAppealAsync(string slug, long actionId, string? decision, string? note) =>
        ActAsync(slug, async me => Say(await decide.HandleAsync(actionId, new DecideAppealRequest(decision, note), me), "The appeal is decided."));

    public Task<IActionResult> OnPostSettingsAsync(string slug, int? flagsToHide, bool holdFirstPosts, bool publicLog) =>
        ActAsync(slug, async me => Say(await settings.HandleAsync(slug, new ModerationSettingsRequest(flagsToHide, holdFirstPosts, publicLog), me), "Settings saved."));

    private static Result<string> Say<T>(Result<T> result, string flash) => result.Ok ? flash : result.As<string>();

    private async Task<IActionResult> ActAsync(string slug, Func<long, Task<Result<string>>> act)
    {
        if (await LoadAsync(slug) is { } missing) return missing;
        var result = await act(User.UserId()!.Value);
        if (result.Ok)
        {
            TempData["Flash"] = result.Value;
            return Redirect(ModerationUrls.Queue(Scope.Community.Slug));
        }
        Error = result.Errors is { Count: > 0 } errors ? errors.Values.First().First() : result.Message;
        Response.StatusCode = ResultHttp.StatusOf(result.Failure);
        return await LoadAsync(slug) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var me = User.UserId()!.Value;
        if (await queries.ScopeAsync(slug, me) is not { MayModerate: true } scope) return NotFound();
        Scope = scope;
        Flags = (await queries.CommunityFlagsAsync(slug, me, nameof(FlagState.Open), long.MaxValue, Hearth.Platform.Web.Page.MaxLimit)).Value ?? Flags;
        Pending = (await queries.PendingAsync(slug, me, long.MaxValue, Hearth.Platform.Web.Page.MaxLimit)).Value ?? Pending;
        Appeals = (await queries.AppealsAsync(slug, me, long.MaxValue, Hearth.Platform.Web.Page.MaxLimit)).Value ?? Appeals;
        return null;
    }
}
