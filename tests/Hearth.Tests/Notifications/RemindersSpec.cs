using Dapper;
using Hearth.Features.Notifications;
using Hearth.Tests.Discussions;
using Hearth.Tests.Events;
using Hearth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Notifications;

public abstract class RemindersSpec(HearthApp app)
{
    private SmtpServer Smtp => ((IDeliveryApp)app).Smtp;

    [Fact]
    public async Task A_due_event_reminder_tells_going_and_maybe_attendees_once_on_the_site_and_by_e_mail()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var ev = await steward.NewEventAsync(slug, space, TimeSpan.FromHours(3), title: "Night walk");
        var going = await app.NewJoinedMemberAsync(slug);
        var maybe = await app.NewJoinedMemberAsync(slug);
        var notGoing = await app.NewJoinedMemberAsync(slug);
        var bystander = await app.NewJoinedMemberAsync(slug);
        await going.RsvpAsync(ev.Id(), "Going");
        await maybe.RsvpAsync(ev.Id(), "Maybe");
        await notGoing.RsvpAsync(ev.Id(), "NotGoing");

        // The one-hour reminder falls due now (as if two hours had passed); several scheduler rounds race for it.
        await app.ScalarAsync("UPDATE scheduled_jobs SET due_at = @Due WHERE dedupe_key = @Key",
            new { Due = DateTime.UtcNow.AddMinutes(-1), Key = $"event_reminder:{ev.Id()}:1h" });
        var scheduler = app.Services.GetRequiredService<Scheduler>();
        var extra = ActivatorUtilities.CreateInstance<Scheduler>(app.Services);
        await Task.WhenAll(scheduler.RunOnceAsync(), extra.RunOnceAsync(), extra.RunOnceAsync());

        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(going.Email) && m.Subject.Contains("Night walk"))).Single();
        Assert.Contains("starts", mail.Subject);
        Assert.Contains(DeliverySettings.BaseUrl + "/t/" + ev.Id(), mail.Body);
        await Smtp.WaitForAsync(m => m.To.Contains(maybe.Email) && m.Subject.Contains("Night walk"));

        Assert.Equal(["event_reminder"], (await going.NotificationKindsAsync()).Where(k => k == "event_reminder"));
        Assert.Equal(["event_reminder"], (await maybe.NotificationKindsAsync()).Where(k => k == "event_reminder"));
        Assert.DoesNotContain("event_reminder", await notGoing.NotificationKindsAsync());
        Assert.DoesNotContain("event_reminder", await bystander.NotificationKindsAsync());
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = @Key AND done_at IS NOT NULL", new { Key = $"event_reminder:{ev.Id()}:1h" }));
        // The 24-hour reminder was already past when the event was made, and the other is not yet due.
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = @Key AND done_at IS NOT NULL", new { Key = $"event_reminder:{ev.Id()}:24h" }));
        await Task.Delay(300);
        Assert.Single(Smtp.To(going.Email), m => m.Subject.Contains("Night walk"));
    }

    [Fact]
    public async Task A_reminder_does_not_reach_an_attendee_who_left_the_community()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var space = await steward.NewEventsSpaceAsync(slug);
        var ev = await steward.NewEventAsync(slug, space, TimeSpan.FromHours(3), title: "Quiet walk");
        var leaver = await app.NewJoinedMemberAsync(slug);
        await leaver.RsvpAsync(ev.Id(), "Going");
        await leaver.LeaveAsync(slug);
        await app.ScalarAsync("UPDATE scheduled_jobs SET due_at = @Due WHERE dedupe_key = @Key",
            new { Due = DateTime.UtcNow.AddMinutes(-1), Key = $"event_reminder:{ev.Id()}:1h" });
        await app.Services.GetRequiredService<Scheduler>().RunOnceAsync();
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id AND kind = 'event_reminder'", new { leaver.Id }));
    }
}

[Collection(DeliveryEngines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class RemindersOnSqlite(DeliverySqliteApp app) : RemindersSpec(app);

[Collection(DeliveryEngines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class RemindersOnPostgres(DeliveryPostgresApp app) : RemindersSpec(app);
