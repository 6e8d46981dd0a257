using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Platform;

/// <summary>A Hearth with the anonymous page cache on, as in production (tests otherwise turn it off).</summary>
public sealed class PageCacheApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Hearth:PageCache:Seconds", "300")];
}

[Trait("Engine", Engines.Sqlite)]
public sealed class PageCacheSpec(PageCacheApp app) : IClassFixture<PageCacheApp>
{
    private Task RetitleBehindTheApiAsync(long topicId, string title) =>
        app.ScalarAsync("UPDATE topics SET title = @Title WHERE id = @Id", new { Title = title, Id = topicId });

    [Fact]
    public async Task Anonymous_readers_get_the_stored_page_until_a_write_empties_the_cache()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug, "The first title");
        var anonymous = app.CreateClient();
        Assert.Contains("The first title", await anonymous.GetStringAsync($"/t/{id}"));
        Assert.Contains("The first title", await anonymous.GetStringAsync($"/api/v1/topics/{id}"));

        await RetitleBehindTheApiAsync(id, "A changed title");
        Assert.Contains("The first title", await anonymous.GetStringAsync($"/t/{id}"));
        Assert.Contains("The first title", await anonymous.GetStringAsync($"/api/v1/topics/{id}"));

        await steward.ReplyAsync(id, "A reply that everyone should see.");
        var page = await anonymous.GetStringAsync($"/t/{id}");
        Assert.Contains("A changed title", page);
        Assert.Contains("A reply that everyone should see.", page);
        Assert.Contains("A changed title", await anonymous.GetStringAsync($"/api/v1/topics/{id}"));
    }

    [Fact]
    public async Task Signed_in_readers_are_never_served_a_stored_page()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug, "Before the change");
        Assert.Contains("Before the change", await app.CreateClient().GetStringAsync($"/t/{id}"));
        Assert.Contains("Before the change", (await steward.GetJsonAsync($"/api/v1/topics/{id}"))["title"]!.GetValue<string>());

        await RetitleBehindTheApiAsync(id, "After the change");
        Assert.Equal("After the change", (await steward.GetJsonAsync($"/api/v1/topics/{id}"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_private_topic_refused_to_an_anonymous_reader_is_not_stored()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync(c => { c["visibility"] = "Private"; c["joinPolicy"] = "Invitation"; });
        var id = await steward.NewTopicIdAsync(slug, "Only for members");
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/t/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/topics/{id}")).StatusCode);

        await app.ScalarAsync("UPDATE communities SET visibility = 'Public' WHERE slug = @Slug", new { Slug = slug });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/t/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/topics/{id}")).StatusCode);
    }
}
