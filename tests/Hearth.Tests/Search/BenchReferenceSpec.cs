using System.Net;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Search;

/// <summary>A Hearth with the benchmark settings on, as bench/run.sh starts it.</summary>
public sealed class BenchSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Hearth:Bench:Enabled", "true")];
}

[Trait("Engine", Engines.Sqlite)]
public sealed class BenchReferenceSpec(BenchSqliteApp app) : IClassFixture<BenchSqliteApp>
{
    [Fact]
    public async Task With_the_bench_setting_the_reference_page_renders_one_topic_title()
    {
        var steward = await app.NewMemberAsync();
        var slug = await steward.NewCommunityAsync();
        var id = await steward.NewTopicIdAsync(slug, "Reference <title> & all");

        var page = await Browser.Open(app).PageAsync($"/bench/reference?id={id}");
        Assert.Equal("Reference <title> & all", page.QuerySelector("main h1")!.TextContent);
        var (missing, _) = await Browser.Open(app).GetAsync($"/bench/reference?id={id + 1000}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
