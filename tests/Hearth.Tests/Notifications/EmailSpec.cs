using System.Net;
using System.Net.Http.Json;
using Dapper;
using Hearth.Features.Notifications;
using Hearth.Platform.Data;
using Hearth.Platform.Email;
using Hearth.Tests.Discussions;
using Hearth.Tests.Events;
using Hearth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Notifications;

/// <summary>E-mail through a real SMTP server: notification mail, account mail, digests, one-click unsubscribe.</summary>
public abstract class EmailSpec(HearthApp app)
{
    private SmtpServer Smtp => ((IDeliveryApp)app).Smtp;

    private static string Path(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task A_reply_is_e_mailed_to_the_watching_author_with_one_click_unsubscribe_headers()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topic = await steward.NewTopicAsync(slug, "Sourdough starters");
        var member = await app.NewJoinedMemberAsync(slug);
        await member.ReplyAsync(topic.Id(), "Mine is called Bubbles.");

        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(steward.Email) && m.Header("X-Hearth-Kind") == "notification")).Single();
        Assert.Contains("Sourdough starters", mail.Subject);
        Assert.Contains(DeliverySettings.BaseUrl + topic["url"]!.GetValue<string>(), mail.Body);
        Assert.Contains("hearth@hearth.test", mail.Header("From"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        var unsubscribe = mail.Header("List-Unsubscribe").Trim('<', '>');
        Assert.StartsWith(DeliverySettings.BaseUrl + "/unsubscribe?token=", unsubscribe);
        Assert.DoesNotContain(Smtp.To(member.Email), m => m.Header("X-Hearth-Kind") == "notification");

        // GET only asks; the mail client's POST (no cookie, no antiforgery token) unsubscribes.
        var anonymous = app.CreateClient();
        var ask = await anonymous.GetAsync(Path(unsubscribe));
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.True((await steward.GetJsonAsync("/api/v1/me/email-preferences"))["emailNotifications"]!.GetValue<bool>());
        var oneClick = await anonymous.PostAsync(Path(unsubscribe), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False((await steward.GetJsonAsync("/api/v1/me/email-preferences"))["emailNotifications"]!.GetValue<bool>());

        var forged = await anonymous.PostAsync("/unsubscribe?token=not-a-token", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        // Off means off: the next reply writes no e-mail at all.
        await member.ReplyAsync(topic.Id(), "Another one.");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM email_outbox WHERE user_id = @Id AND kind = 'notification' AND state = 'pending'", new { steward.Id }));
        Assert.Equal(2, await app.ScalarAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @Id", new { steward.Id }));
    }

    [Fact]
    public async Task A_notification_read_on_the_site_before_its_e_mail_is_due_is_not_e_mailed()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        await using (var connection = await app.Db.OpenAsync())
        {
            var communityId = await connection.ExecuteScalarAsync<long>("SELECT id FROM communities WHERE slug = @Slug", new { Slug = slug });
            await using var tx = await Db.BeginWriteAsync(connection);
            await Notify.SendAsync(connection, tx, [new NotificationDraft(steward.Id, "test", "Seen already", "/", communityId)], DateTime.UtcNow);
            await connection.ExecuteAsync("UPDATE notifications SET read_at = @Now WHERE user_id = @Id", new { Now = DateTime.UtcNow, steward.Id }, tx);
            await tx.CommitAsync();
        }
        await WaitForOutboxAsync(steward.Id, "skipped");
        Assert.DoesNotContain(Smtp.To(steward.Email), m => m.Subject.Contains("Seen already"));
    }

    [Fact]
    public async Task Registration_sends_a_confirmation_link_that_confirms_the_address_once()
    {
        var member = await app.NewMemberAsync();
        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(member.Email) && m.Header("X-Hearth-Kind") == "confirm_email")).Single();
        Assert.Equal("", mail.Header("List-Unsubscribe")); // account mail is not a list
        var link = Path(mail.Link("/account/confirm-email"));
        var browser = Browser.Open(app);
        var page = await browser.PageAsync(link);
        Assert.Contains("confirmed", page.QuerySelector("[data-testid=outcome]")!.TextContent);
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = @Id AND email_confirmed = TRUE", new { member.Id }));
        var again = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.Response.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_link_sets_a_new_password_once_and_unknown_addresses_learn_nothing()
    {
        var member = await app.NewMemberAsync();
        var anonymous = app.CreateClient();
        var asked = await (await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { email = member.Email.ToUpperInvariant() })).ShouldBe(HttpStatusCode.OK);
        var unknown = await (await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { email = "nobody-" + Guid.NewGuid().ToString("n") + "@example.test" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(asked["message"]!.GetValue<string>(), unknown["message"]!.GetValue<string>());
        await (await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { email = "" })).ShouldFail(HttpStatusCode.UnprocessableEntity);

        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(member.Email) && m.Header("X-Hearth-Kind") == "reset_password")).Single();
        var token = Uri.UnescapeDataString(mail.Link("/account/reset-password").Split("token=")[1]);
        await (await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm", new { token, password = "short" })).ShouldFail(HttpStatusCode.UnprocessableEntity);
        await (await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm", new { token, password = "a brand new secret" })).ShouldBe(HttpStatusCode.OK);
        await (await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm", new { token, password = "yet another secret" })).ShouldFail(HttpStatusCode.NotFound);

        await (await anonymous.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = member.UserName, password = "a brand new secret" })).ShouldBe(HttpStatusCode.Created);
        var old = await anonymous.PostAsJsonAsync("/api/v1/tokens", new { userNameOrEmail = member.UserName, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task The_reset_pages_work_without_javascript()
    {
        var member = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        var sent = await browser.SubmitAsync("/account/forgot-password", "#forgot-password", new Dictionary<string, string> { ["Email"] = member.Email });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(member.Email) && m.Header("X-Hearth-Kind") == "reset_password")).Single();
        var link = Path(mail.Link("/account/reset-password"));
        var done = await browser.SubmitAsync(link, "#reset-password", new Dictionary<string, string> { ["Password"] = "from the page 123" });
        Assert.Contains("changed", await done.Content.ReadAsStringAsync());
        await browser.SignInAsync(member.UserName, "from the page 123");
    }

    [Fact]
    public async Task An_e_mail_invitation_is_sent_to_the_address()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var address = "guest-" + Guid.NewGuid().ToString("n")[..8] + "@example.test";
        var created = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { email = address })).ShouldBe(HttpStatusCode.Created);
        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(address))).Single();
        Assert.Equal("invitation", mail.Header("X-Hearth-Kind"));
        Assert.Contains(DeliverySettings.BaseUrl + created["url"]!.GetValue<string>(), mail.Body);
    }

    [Fact]
    public async Task A_daily_digest_lists_what_was_popular_in_the_members_communities_only()
    {
        var steward = await app.NewMemberAsync();
        var mine = await steward.NewCommunityAsync();
        var secret = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var busy = await steward.NewTopicAsync(mine, "The busiest thread");
        await steward.ReplyAsync(busy.Id(), "More.");
        await steward.NewTopicAsync(secret, "Hidden thread");
        var reader = await app.NewJoinedMemberAsync(mine);

        var set = await (await reader.PutAsync("/api/v1/me/email-preferences", new { digest = "daily" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("daily", set["digest"]!.GetValue<string>());
        await (await reader.PutAsync("/api/v1/me/email-preferences", new { digest = "hourly" })).ShouldFail(HttpStatusCode.UnprocessableEntity);

        var mail = (await Smtp.WaitForAsync(m => m.To.Contains(reader.Email) && m.Header("X-Hearth-Kind") == "digest")).Single();
        Assert.Contains("The busiest thread", mail.Body);
        Assert.Contains(DeliverySettings.BaseUrl + "/t/" + busy.Id(), mail.Body);
        Assert.DoesNotContain("Hidden thread", mail.Body);
        var unsubscribe = mail.Header("List-Unsubscribe").Trim('<', '>');
        var oneClick = await app.CreateClient().PostAsync(Path(unsubscribe), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal("none", (await reader.GetJsonAsync("/api/v1/me/email-preferences"))["digest"]!.GetValue<string>());
        // Claimed once: however often the scheduler runs, one digest per day.
        await app.Services.GetRequiredService<Scheduler>().RunOnceAsync();
        Assert.Single(Smtp.To(reader.Email), m => m.Header("X-Hearth-Kind") == "digest");
    }

    [Fact]
    public async Task The_preferences_page_saves_the_settings()
    {
        var member = await app.NewMemberAsync();
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        var saved = await browser.SubmitAsync("/settings/email", "#email-settings", new Dictionary<string, string> { ["Digest"] = "weekly", ["EmailNotifications"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var prefs = await member.GetJsonAsync("/api/v1/me/email-preferences");
        Assert.Equal("weekly", prefs["digest"]!.GetValue<string>());
        Assert.False(prefs["emailNotifications"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Several_senders_at_once_send_every_message_exactly_once()
    {
        var steward = await app.NewMemberAsync();
        var tag = Guid.NewGuid().ToString("n")[..8];
        await using (var connection = await app.Db.OpenAsync())
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            for (var i = 0; i < 30; i++)
                await Outbox.EnqueueAsync(connection, tx, new OutgoingMail("test", steward.Id, steward.Email, $"Batch {tag} #{i}", "Body", ""), DateTime.UtcNow);
            await tx.CommitAsync();
        }
        // The hosted sender plus two more, as on three nodes, all claiming the same table.
        var extra = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<EmailSender>(app.Services)).ToList();
        await Task.WhenAll(extra.Select(async sender => { for (var round = 0; round < 5; round++) await sender.RunOnceAsync(); }));
        var received = await Smtp.WaitForAsync(m => m.Subject.Contains(tag), count: 30);
        await Task.Delay(500); // a duplicate would arrive now
        received = [.. Smtp.Messages().Where(m => m.Subject.Contains(tag))];
        Assert.Equal(30, received.Count);
        Assert.Equal(30, received.Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task A_message_that_cannot_be_sent_is_retried_with_backoff_and_then_given_up()
    {
        await using (var connection = await app.Db.OpenAsync())
        {
            await using var tx = await Db.BeginWriteAsync(connection);
            await Outbox.EnqueueAsync(connection, tx, new OutgoingMail("test", null, "not an address", "Doomed", "Body", ""), DateTime.UtcNow);
            await tx.CommitAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.ScalarAsync("SELECT COUNT(*) FROM email_outbox WHERE to_address = 'not an address' AND state = 'failed'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message was never given up.");
            await Task.Delay(100);
        }
        Assert.Equal(3, await app.ScalarAsync("SELECT attempts FROM email_outbox WHERE to_address = 'not an address'"));
    }

    private async Task WaitForOutboxAsync(long userId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.ScalarAsync("SELECT COUNT(*) FROM email_outbox WHERE user_id = @Id AND state = @State", new { Id = userId, State = state }) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No outbox row became {state}.");
            await Task.Delay(100);
        }
    }
}

[Collection(DeliveryEngines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class EmailOnSqlite(DeliverySqliteApp app) : EmailSpec(app);

[Collection(DeliveryEngines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class EmailOnPostgres(DeliveryPostgresApp app) : EmailSpec(app);
