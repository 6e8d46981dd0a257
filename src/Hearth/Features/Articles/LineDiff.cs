namespace Hearth.Features.Articles;

public enum DiffLineKind { Context, Added, Removed }

/// <summary>One line of a diff, with its number in the old text (unless added) and in the new text (unless removed).</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? FromLine, int? ToLine);

/// <summary>
/// A run of changes with the unchanged lines around them, numbered as in a unified diff: starts are 1-based, and a
/// side with no lines in the hunk starts at the line before it (0 at the top).
/// </summary>
public sealed record DiffHunk(int FromStart, int FromCount, int ToStart, int ToCount, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A line diff of two texts by Myers' O((N+M)D) greedy algorithm ("An O(ND) Difference Algorithm and Its Variations",
/// 1986): the shortest edit script, so the fewest lines are shown as removed and added.
/// </summary>
public static class LineDiff
{
    public const int DefaultContext = 3;

    /// <summary>
    /// Past this many differing lines (after the common start and end are set aside) the search stops and the rest is
    /// shown as one block removed and one added. The search keeps a snapshot per step, D² integers in all; the cap keeps
    /// a pathological pair of 50,000-character bodies to a few megabytes and a fraction of a second.
    /// </summary>
    internal const int MaxEdits = 1_000;

    /// <summary>The lines of a text: any line ending splits, and a final line ending does not make an empty last line.</summary>
    public static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>Every line of both texts in order: unchanged lines as context, the rest removed or added.</summary>
    public static IReadOnlyList<DiffLine> Compare(string? from, string? to)
    {
        var a = Lines(from);
        var b = Lines(to);
        // Lines become small integers, so the search compares numbers rather than strings.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var x = Array.ConvertAll(a, line => Intern(ids, line));
        var y = Array.ConvertAll(b, line => Intern(ids, line));

        var prefix = 0;
        while (prefix < x.Length && prefix < y.Length && x[prefix] == y[prefix]) prefix++;
        var suffix = 0;
        while (suffix < x.Length - prefix && suffix < y.Length - prefix && x[^(suffix + 1)] == y[^(suffix + 1)]) suffix++;

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++) edits.Add(new Edit(DiffLineKind.Context, i, i));
        edits.AddRange(Middle(x, prefix, x.Length - suffix, y, prefix, y.Length - suffix));
        for (var i = suffix; i > 0; i--) edits.Add(new Edit(DiffLineKind.Context, x.Length - i, y.Length - i));

        return [.. edits.Select(e => e.Kind switch
        {
            DiffLineKind.Context => new DiffLine(DiffLineKind.Context, a[e.From], e.From + 1, e.To + 1),
            DiffLineKind.Removed => new DiffLine(DiffLineKind.Removed, a[e.From], e.From + 1, null),
            _ => new DiffLine(DiffLineKind.Added, b[e.To], null, e.To + 1),
        })];
    }

    /// <summary>Groups changes into hunks with <paramref name="context"/> unchanged lines around them; none when the texts agree.</summary>
    public static IReadOnlyList<DiffHunk> Hunks(IReadOnlyList<DiffLine> lines, int context = DefaultContext)
    {
        // fromBefore[i] and toBefore[i]: how many lines of each side come before line i of the diff.
        var fromBefore = new int[lines.Count + 1];
        var toBefore = new int[lines.Count + 1];
        for (var k = 0; k < lines.Count; k++)
        {
            fromBefore[k + 1] = fromBefore[k] + (lines[k].Kind == DiffLineKind.Added ? 0 : 1);
            toBefore[k + 1] = toBefore[k] + (lines[k].Kind == DiffLineKind.Removed ? 0 : 1);
        }

        var hunks = new List<DiffHunk>();
        var i = 0;
        while (i < lines.Count)
        {
            while (i < lines.Count && lines[i].Kind == DiffLineKind.Context) i++;
            if (i == lines.Count) break;
            var start = Math.Max(0, i - context);
            var lastChange = i;
            // Two changes share a hunk when at most 2 × context unchanged lines lie between them.
            for (var j = i + 1; j < lines.Count && j - lastChange - 1 <= 2 * context; j++)
                if (lines[j].Kind != DiffLineKind.Context) lastChange = j;
            var end = Math.Min(lines.Count, lastChange + 1 + context);
            var fromCount = fromBefore[end] - fromBefore[start];
            var toCount = toBefore[end] - toBefore[start];
            hunks.Add(new DiffHunk(
                fromCount == 0 ? fromBefore[start] : fromBefore[start] + 1, fromCount,
                toCount == 0 ? toBefore[start] : toBefore[start] + 1, toCount,
                [.. lines.Skip(start).Take(end - start)]));
            i = end;
        }
        return hunks;
    }

    private readonly record struct Edit(DiffLineKind Kind, int From, int To);

    private static int Intern(Dictionary<string, int> ids, string line)
    {
        if (!ids.TryGetValue(line, out var id)) ids[line] = id = ids.Count;
        return id;
    }

    /// <summary>The shortest edit script turning x[x0..x1) into y[y0..y1); indices in the edits are absolute.</summary>
    private static List<Edit> Middle(int[] x, int x0, int x1, int[] y, int y0, int y1)
    {
        int n = x1 - x0, m = y1 - y0;
        var edits = new List<Edit>(n + m);
        if (n == 0 || m == 0)
        {
            for (var i = x0; i < x1; i++) edits.Add(new Edit(DiffLineKind.Removed, i, y0));
            for (var j = y0; j < y1; j++) edits.Add(new Edit(DiffLineKind.Added, x1, j));
            return edits;
        }

        var max = Math.Min(n + m, MaxEdits);
        // v[k + offset] is the furthest x reached on diagonal k = x - y; trace[d] keeps v[-d..d] as it stood before step d.
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            trace.Add(v.AsSpan(offset - d, 2 * d + 1).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
                var px = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var py = px - k;
                while (px < n && py < m && x[x0 + px] == y[y0 + py]) { px++; py++; }
                v[offset + k] = px;
                if (px >= n && py >= m) { found = d; break; }
            }
        }
        if (found < 0) return Replace(x0, x1, y0, y1);

        // Walk back from the end through the snapshots, collecting the script in reverse.
        var (cx, cy) = (n, m);
        for (var d = found; d >= 0; d--)
        {
            var snapshot = trace[d];
            int At(int k) => snapshot[k + d];
            var k = cx - cy;
            int prevX, prevY;
            if (d == 0)
            {
                (prevX, prevY) = (0, 0);
            }
            else
            {
                var down = k == -d || (k != d && At(k - 1) < At(k + 1));
                var prevK = down ? k + 1 : k - 1;
                prevX = At(prevK);
                prevY = prevX - prevK;
            }
            while (cx > prevX && cy > prevY)
            {
                cx--; cy--;
                edits.Add(new Edit(DiffLineKind.Context, x0 + cx, y0 + cy));
            }
            if (d > 0)
            {
                if (cx == prevX) edits.Add(new Edit(DiffLineKind.Added, x0 + cx, y0 + prevY));
                else edits.Add(new Edit(DiffLineKind.Removed, x0 + prevX, y0 + cy));
            }
            (cx, cy) = (prevX, prevY);
        }
        edits.Reverse();
        return edits;
    }

    private static List<Edit> Replace(int x0, int x1, int y0, int y1)
    {
        var edits = new List<Edit>((x1 - x0) + (y1 - y0));
        for (var i = x0; i < x1; i++) edits.Add(new Edit(DiffLineKind.Removed, i, y0));
        for (var j = y0; j < y1; j++) edits.Add(new Edit(DiffLineKind.Added, x1, j));
        return edits;
    }
}
