using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hearth.Bench;

/// <summary>One endpoint's measurement, as bench/run.sh writes it (one JSON object per line in results.jsonl).</summary>
internal sealed record Measurement
{
    public string Name { get; init; } = "";
    public string Path { get; init; } = "";
    public long Requests { get; init; }
    public double DurationUs { get; init; }
    public long ConnectErrors { get; init; }
    public long ReadErrors { get; init; }
    public long WriteErrors { get; init; }
    public long StatusErrors { get; init; }
    public long Timeouts { get; init; }
    public double P50Us { get; init; }
    public double P90Us { get; init; }
    public double P95Us { get; init; }
    public double P99Us { get; init; }
    public double MaxUs { get; init; }
    public double PeakRssMb { get; init; }
    public string Load { get; init; } = "";

    public double Rps => Requests / (DurationUs / 1e6);
    public long Errors => ConnectErrors + ReadErrors + WriteErrors + StatusErrors + Timeouts;
}

internal sealed record Run
{
    public string Engine { get; init; } = "";
    public long Posts { get; init; }
    public string Started { get; init; } = "";
    public string Machine { get; init; } = "";
    public string LoadBefore { get; init; } = "";
    public List<Measurement> Results { get; init; } = [];
    public double ServerPeakRssMb { get; init; }
    public double GenerateSeconds { get; init; }
    public double ReindexSeconds { get; init; }
    public long Topics { get; init; }
    public long Users { get; init; }
    public int Communities { get; init; }
    public int LongTopicPosts { get; init; }
    public int ShortTopicPosts { get; init; }
}

/// <summary>Renders the tables of bench/RESULTS.md from the runs under a folder (each with run.json and results.jsonl).</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Render(string folder)
    {
        var runs = new List<Run>();
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var runFile = Path.Combine(dir, "run.json");
            var resultsFile = Path.Combine(dir, "results.jsonl");
            if (!File.Exists(runFile) || !File.Exists(resultsFile)) continue;
            var run = JsonSerializer.Deserialize<Run>(File.ReadAllText(runFile), Json)!;
            var results = File.ReadAllLines(resultsFile).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<Measurement>(l, Json)!).ToList();
            runs.Add(run with { Results = results });
        }
        var md = new StringBuilder();
        foreach (var run in runs.OrderBy(r => r.Engine, StringComparer.Ordinal).ThenBy(r => r.Posts))
        {
            var reference = run.Results.FirstOrDefault(r => r.Name == "reference");
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Engine(run.Engine)}, {run.Posts:N0} posts");
            md.AppendLine();
            var index = run.ReindexSeconds > 0
                ? string.Create(CultureInfo.InvariantCulture, $", search index built by `reindex` in {run.ReindexSeconds:F0} s.")
                : " (search index built by the triggers during the load).";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Site: {run.Posts:N0} posts in {run.Topics:N0} topics, {run.Users:N0} members, {run.Communities} communities; long topic {run.LongTopicPosts:N0} posts, short topic {run.ShortTopicPosts}. Generated in {run.GenerateSeconds:F0} s{index}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Started {run.Started} on {run.Machine}; load average before: {run.LoadBefore}; server peak RSS over the run: {run.ServerPeakRssMb:F0} MB.");
            md.AppendLine();
            md.AppendLine("| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | of reference | load (1/5/15 min) |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var m in run.Results)
            {
                var fraction = reference is null || m.Name.StartsWith("reply", StringComparison.Ordinal) ? "" : $"{m.Rps / reference.Rps:P0}";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Name} | {m.Rps:N0} | {m.P50Us / 1000:F2} | {m.P95Us / 1000:F2} | {m.P99Us / 1000:F2} | {m.Errors} | {m.PeakRssMb:F0} | {fraction} | {m.Load} |");
            }
            md.AppendLine();
        }

        // Growth: latency at the largest size against the smallest, per engine and endpoint.
        foreach (var engine in runs.Select(r => r.Engine).Distinct().Order(StringComparer.Ordinal))
        {
            var sizes = runs.Where(r => r.Engine == engine).OrderBy(r => r.Posts).ToList();
            if (sizes.Count < 2) continue;
            var (small, large) = (sizes[0], sizes[^1]);
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Engine(engine)}: latency at {large.Posts:N0} posts against {small.Posts:N0}");
            md.AppendLine();
            md.AppendLine("| endpoint | p50 small → large ms | p50 ratio | p99 small → large ms | p99 ratio | req/s ratio |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var m in large.Results)
            {
                if (small.Results.FirstOrDefault(s => s.Name == m.Name) is not { } s) continue;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Name} | {s.P50Us / 1000:F2} → {m.P50Us / 1000:F2} | {m.P50Us / s.P50Us:F2} | {s.P99Us / 1000:F2} → {m.P99Us / 1000:F2} | {m.P99Us / s.P99Us:F2} | {m.Rps / s.Rps:F2} |");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Engine(string engine) => engine == "postgres" ? "PostgreSQL" : "SQLite";
}
