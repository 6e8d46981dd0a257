using Hearth.Features.Articles;

namespace Hearth.Tests.Articles;

/// <summary>The line diff on its own: no database, so it runs once, not per engine.</summary>
public sealed class LineDiffSpec
{
    private static string Render(IEnumerable<DiffLine> lines) =>
        string.Join("\n", lines.Select(l => (l.Kind switch { DiffLineKind.Added => "+", DiffLineKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void Identical_texts_have_no_hunks()
    {
        var lines = LineDiff.Compare("a\nb\nc\n", "a\r\nb\r\nc");
        Assert.All(lines, l => Assert.Equal(DiffLineKind.Context, l.Kind));
        Assert.Empty(LineDiff.Hunks(lines));
        Assert.Empty(LineDiff.Hunks(LineDiff.Compare("", null)));
    }

    [Fact]
    public void A_changed_line_shows_as_removed_then_added_between_its_neighbours()
    {
        var lines = LineDiff.Compare("one\ntwo\nthree\n", "one\n2\nthree\n");
        Assert.Equal(" one\n-two\n+2\n three", Render(lines));
        var hunk = Assert.Single(LineDiff.Hunks(lines));
        Assert.Equal((1, 3, 1, 3), (hunk.FromStart, hunk.FromCount, hunk.ToStart, hunk.ToCount));
        Assert.Equal([1, 2, null, 3], hunk.Lines.Select(l => l.FromLine));
        Assert.Equal([1, null, 2, 3], hunk.Lines.Select(l => l.ToLine));
    }

    [Fact]
    public void Adding_to_an_empty_text_and_emptying_a_text_are_one_hunk_each()
    {
        var added = Assert.Single(LineDiff.Hunks(LineDiff.Compare("", "a\nb")));
        Assert.Equal((0, 0, 1, 2), (added.FromStart, added.FromCount, added.ToStart, added.ToCount));
        var removed = Assert.Single(LineDiff.Hunks(LineDiff.Compare("a\nb", "")));
        Assert.Equal((1, 2, 0, 0), (removed.FromStart, removed.FromCount, removed.ToStart, removed.ToCount));
    }

    [Fact]
    public void Changes_far_apart_make_separate_hunks_and_near_ones_share_one()
    {
        var from = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var far = from.Replace("line 2\n", "line two\n").Replace("line 19\n", "line nineteen\n");
        var hunks = LineDiff.Hunks(LineDiff.Compare(from, far));
        Assert.Equal(2, hunks.Count);
        Assert.Equal((1, 5, 1, 5), (hunks[0].FromStart, hunks[0].FromCount, hunks[0].ToStart, hunks[0].ToCount));
        Assert.Equal((16, 5, 16, 5), (hunks[1].FromStart, hunks[1].FromCount, hunks[1].ToStart, hunks[1].ToCount));

        // Six unchanged lines between two changes (twice the context) still make one hunk; seven make two.
        var six = from.Replace("line 5\n", "line five\n").Replace("line 12\n", "line twelve\n");
        Assert.Single(LineDiff.Hunks(LineDiff.Compare(from, six)));
        var seven = from.Replace("line 5\n", "line five\n").Replace("line 13\n", "line thirteen\n");
        Assert.Equal(2, LineDiff.Hunks(LineDiff.Compare(from, seven)).Count);
    }

    [Fact]
    public void On_random_texts_the_diff_rebuilds_both_sides_with_the_fewest_changes()
    {
        var random = new Random(20240601);
        for (var round = 0; round < 300; round++)
        {
            var a = RandomLines(random);
            var b = RandomLines(random);
            var lines = LineDiff.Compare(string.Join("\n", a), string.Join("\n", b));
            Assert.Equal(a, lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text));
            Assert.Equal(b, lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text));
            var changes = lines.Count(l => l.Kind != DiffLineKind.Context);
            Assert.Equal(a.Length + b.Length - 2 * Lcs(a, b), changes);
            // Every changed line is in exactly one hunk.
            Assert.Equal(changes, LineDiff.Hunks(lines).Sum(h => h.Lines.Count(l => l.Kind != DiffLineKind.Context)));
        }
    }

    [Fact]
    public void A_diff_too_large_to_search_is_still_a_correct_diff()
    {
        var a = Enumerable.Range(0, 3_000).Select(i => $"a{i}").ToArray();
        var b = Enumerable.Range(0, 3_000).Select(i => $"b{i}").ToArray();
        var lines = LineDiff.Compare("same\n" + string.Join("\n", a) + "\nend", "same\n" + string.Join("\n", b) + "\nend");
        Assert.Equal(["same", .. a, "end"], lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text));
        Assert.Equal(["same", .. b, "end"], lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text));
        Assert.Equal(DiffLineKind.Context, lines[0].Kind);
        Assert.Equal(DiffLineKind.Context, lines[^1].Kind);
    }

    private static string[] RandomLines(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abcd"[random.Next(4)].ToString())];

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
        return table[a.Length, b.Length];
    }
}
