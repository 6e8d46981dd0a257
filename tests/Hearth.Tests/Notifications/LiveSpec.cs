using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Hearth.Platform.Live;
using Hearth.Tests.Discussions;
using Hearth.Tests.Events;
using Hearth.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Notifications;

/// <summary>A server-sent event stream as a browser's EventSource reads it.</summary>
public sealed class LiveReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Type, JsonNode Data)> _events = Channel.CreateUnbounded<(string, JsonNode)>();
    private readonly HttpResponseMessage _response;
    private readonly Task _pump;

    private LiveReader(HttpResponseMessage response)
    {
        _response = response;
        _pump = Task.Run(PumpAsync);
    }

    public static async Task<LiveReader> OpenAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveReader(response);
    }

    private async Task PumpAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null, data = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
                else if (line.Length == 0 && type is not null && data is not null)
                {
                    await _events.Writer.WriteAsync((type, JsonNode.Parse(data)!));
                    (type, data) = (null, null);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally { _events.Writer.TryComplete(); }
    }

    private readonly List<(string Type, JsonNode Data)> _seen = [];

    /// <summary>
    /// The first event of <paramref name="type"/> that matches and was not taken before, in arrival order; events of
    /// other kinds stay for later calls (events from different sources may arrive in either order). Bounded wait.
    /// </summary>
    public async Task<JsonNode> NextAsync(string type, Func<JsonNode, bool>? match = null, int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var index = _seen.FindIndex(e => e.Type == type && (match is null || match(e.Data)));
                if (index >= 0)
                {
                    var found = _seen[index].Data;
                    _seen.RemoveAt(index);
                    return found;
                }
                _seen.Add(await _events.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No '{type}' event arrived within {seconds} s; saw: {string.Join(", ", _seen.Select(e => e.Type + " " + e.Data.ToJsonString()))}");
        }
    }

    /// <summary>Everything received and not taken so far (without waiting).</summary>
    public List<(string Type, JsonNode Data)> Drain()
    {
        var list = new List<(string, JsonNode)>(_seen);
        _seen.Clear();
        while (_events.Reader.TryRead(out var e)) list.Add(e);
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try { await _pump; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

public abstract class LiveSpec(HearthApp app)
{
    [Fact]
    public async Task An_open_topic_hears_of_new_replies_and_the_author_of_the_unread_count()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topicId = await steward.NewTopicIdAsync(slug);
        var member = await app.NewJoinedMemberAsync(slug);
        await using var author = await LiveReader.OpenAsync(steward.Http, $"/api/v1/live?topic={topicId}");
        await using var reader = await LiveReader.OpenAsync(member.Http, $"/api/v1/live?topic={topicId}");
        Assert.Equal(0, (await author.NextAsync("notifications"))["unread"]!.GetValue<int>());

        var reply = await member.ReplyAsync(topicId, "Live!");
        var post = await author.NextAsync("post");
        Assert.Equal(topicId, post["topicId"]!.GetValue<long>());
        Assert.Equal(reply["postNumber"]!.GetValue<int>(), post["postNumber"]!.GetValue<int>());
        Assert.Equal(1, (await author.NextAsync("notifications", n => n["unread"]!.GetValue<int>() == 1))["unread"]!.GetValue<int>());

        // Nobody hears of their own post.
        await steward.ReplyAsync(topicId, "Author speaking.");
        await reader.NextAsync("post", p => p["postNumber"]!.GetValue<int>() == 3);
        Assert.DoesNotContain(author.Drain(), e => e.Type == "post" && e.Data["postNumber"]!.GetValue<int>() == 3);
    }

    [Fact]
    public async Task An_open_list_hears_of_new_topics()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var member = await app.NewJoinedMemberAsync(slug);
        await using var list = await LiveReader.OpenAsync(member.Http, $"/api/v1/live?community={slug}");
        var created = await steward.NewTopicAsync(slug, "Fresh");
        Assert.Equal(created.Id(), (await list.NextAsync("topic"))["topicId"]!.GetValue<long>());
    }

    [Fact]
    public async Task What_the_caller_may_not_read_is_not_streamed()
    {
        var steward = await app.NewMemberAsync();
        var secret = await steward.NewCommunityAsync(c => c["visibility"] = "Private");
        var topicId = await steward.NewTopicIdAsync(secret);
        var stranger = await app.NewMemberAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/live?topic={topicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/live?community={secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/live")).StatusCode);

        // A plain stream (no topic) carries only the caller's own counts, never others' posts.
        await using var plain = await LiveReader.OpenAsync(stranger.Http, "/api/v1/live");
        await plain.NextAsync("notifications");
        await steward.ReplyAsync(topicId, "Psst.");
        await Task.Delay(300);
        Assert.DoesNotContain(plain.Drain(), e => e.Type is "post" or "topic");
    }
}

[Collection(DeliveryEngines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class LiveOnSqlite(DeliverySqliteApp app) : LiveSpec(app);

[Collection(DeliveryEngines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class LiveOnPostgres(DeliveryPostgresApp app) : LiveSpec(app)
{
    /// <summary>A second app node on the same PostgreSQL database.</summary>
    private sealed class SecondNode(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Hearth:Database:Provider", "Postgres");
            builder.UseSetting("Hearth:Database:ConnectionString", connectionString);
            builder.UseSetting("Hearth:RateLimits:WritesPerMinute", "100000");
            builder.UseSetting("Hearth:Scheduler:Enabled", "false");
        }
    }

    [Fact]
    public async Task A_post_on_one_node_reaches_a_live_reader_on_another()
    {
        await using var second = new SecondNode(app.ConnectionString);
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var topicId = await steward.NewTopicIdAsync(slug);
        var member = await app.NewJoinedMemberAsync(slug);

        // The member reads on node two, with the same token; the steward posts on node one.
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        await WaitListeningAsync(app.Services);
        await WaitListeningAsync(second.Services);
        await using var reader = await LiveReader.OpenAsync(onSecond, $"/api/v1/live?topic={topicId}");
        await reader.NextAsync("notifications");

        var reply = await steward.ReplyAsync(topicId, "Across nodes.");
        var post = await reader.NextAsync("post");
        Assert.Equal(reply["postNumber"]!.GetValue<int>(), post["postNumber"]!.GetValue<int>());

        // A notification written on node one refreshes the count on node two (NOTIFY at commit).
        var first = await member.ReplyAsync(topicId, "Me too.");
        await steward.ReplyAsync(topicId, "Answering you.", replyTo: first.Id());
        await reader.NextAsync("notifications", n => n["unread"]!.GetValue<int>() >= 1);
    }

    private static async Task WaitListeningAsync(IServiceProvider services)
    {
        var listener = services.GetRequiredService<LiveListener>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!listener.Listening)
        {
            Assert.True(DateTime.UtcNow < deadline, "The live listener never started.");
            await Task.Delay(50);
        }
    }
}
