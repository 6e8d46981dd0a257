using System.Globalization;
using System.Text;

namespace Hearth.Platform.Web;

/// <summary>The list envelope of the API: <c>{ items, next }</c>, where next is an opaque keyset cursor.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public static class Page
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 100;

    public static Page<T> Of<T>(IReadOnlyList<T> items, string? next = null) => new(items, next);

    public static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    /// <summary>
    /// Takes one row more than the page to learn whether another page exists; the cursor is made from the last row kept.
    /// </summary>
    public static Page<T> Keyset<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit ? new Page<T>([.. rows.Take(limit)], Encode(cursorOf(rows[limit - 1]))) : new Page<T>(rows, null);

    public static string Encode(string raw) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a cursor of the form "a|b"; null when absent or malformed (the caller answers 400).</summary>
    public static string[]? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return [];
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Instant(DateTime at) => at.Ticks.ToString(CultureInfo.InvariantCulture);

    public static bool TryInstant(string s, out DateTime at)
    {
        at = default;
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTime.MaxValue.Ticks) return false;
        at = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
