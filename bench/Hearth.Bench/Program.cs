using System.Text.Json;
using Hearth.Bench;

// Hearth.Bench generate --engine sqlite|postgres --connection CS --posts N --out site.json [--seed S]
// Hearth.Bench report --in bench/out --out report.md
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };

switch (args.FirstOrDefault())
{
    case "generate" when options.ContainsKey("engine") && options.ContainsKey("connection") && options.ContainsKey("posts"):
    {
        var posts = long.Parse(options["posts"], System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(options.GetValueOrDefault("seed", "7"), System.Globalization.CultureInfo.InvariantCulture);
        var engine = options["engine"];
        Console.WriteLine($"Generating {posts:N0} posts on {engine}");
        await using ISink sink = engine == "postgres" ? new PostgresSink(options["connection"]) : new SqliteSink(options["connection"]);
        var site = await new SiteGenerator(sink, engine, posts, seed).RunAsync();
        var output = options.GetValueOrDefault("out", "site.json");
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(site, json));
        // The same, as shell assignments for bench/run.sh (values are slugs, numbers and URL paths: no quotes inside).
        static string Search(IEnumerable<string> queries) => string.Join('|', queries.Select(q => "/api/v1/search?q=" + Uri.EscapeDataString(q)));
        await File.WriteAllLinesAsync(Path.ChangeExtension(output, ".env"),
        [
            $"BENCH_COMMUNITY='{site.Community}'",
            $"BENCH_LONG_TOPIC={site.LongTopic}",
            $"BENCH_LONG_URL='{site.LongTopicUrl}'",
            $"BENCH_SHORT_TOPIC={site.ShortTopic}",
            $"BENCH_SHORT_URL='{site.ShortTopicUrl}'",
            $"BENCH_JOIN='{string.Join(' ', site.JoinCommunities)}'",
            $"BENCH_REPLY_TOPICS='{string.Join(',', site.ReplyTopics)}'",
            $"BENCH_SEARCH_COMMON='{Search(site.CommonQueries)}'",
            $"BENCH_SEARCH_RARE='{Search(site.RareQueries)}'",
            $"BENCH_SEARCH_TWO='{Search(site.TwoWordQueries)}'",
            $"BENCH_GENERATE_SECONDS={site.Seconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)}",
        ]);
        Console.WriteLine($"Generated {site.Posts:N0} posts in {site.Topics:N0} topics, {site.Users:N0} members, {site.Communities} communities in {site.Seconds:F0} s -> {output}");
        return 0;
    }
    case "report" when options.ContainsKey("in"):
    {
        var markdown = Report.Render(options["in"]);
        if (options.TryGetValue("out", out var file)) await File.WriteAllTextAsync(file, markdown);
        else Console.Write(markdown);
        return 0;
    }
    default:
        Console.Error.WriteLine("""
            Usage:
              Hearth.Bench generate --engine sqlite|postgres --connection CS --posts N [--out site.json] [--seed S]
              Hearth.Bench report --in DIR [--out FILE]
            """);
        return 2;
}
