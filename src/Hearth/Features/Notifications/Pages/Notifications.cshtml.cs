using Hearth.Features.Accounts;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Features.Notifications.Pages;

[Authorize]
public sealed class NotificationsModel(NotificationQueries queries) : PageModel
{
    public Page<NotificationView> Items { get; private set; } = Hearth.Platform.Web.Page.Of<NotificationView>([]);

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        if (await queries.ListAsync(User.UserId()!.Value, cursor, 50) is not { } page) return BadRequest();
        Items = page;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await queries.MarkReadAsync(User.UserId()!.Value, null);
        return RedirectToPage();
    }
}
