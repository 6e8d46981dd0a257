namespace Hearth.Features.Search;

/// <summary>
/// How the SQLite engine orders the window of newest matches: a topic whose title holds every searched word weighs
/// four, any other match one, and recency multiplies that by a factor from 1.0 (today) falling towards 0.5 (a year and
/// more), the same blend as the PostgreSQL engine's SQL.
/// </summary>
internal static class SearchRank
{
    public static double Score(bool inTitle, DateTime createdAt, DateTime now) =>
        (inTitle ? 4.0 : 1.0) * (0.5 + 45.0 / (90.0 + Math.Max(0.0, (now - createdAt).TotalDays)));

    public static bool TitleHolds(string title, SearchText text)
    {
        var words = SearchText.Tokens(title).Select(Excerpts.Stem).ToHashSet(StringComparer.Ordinal);
        return text.Phrases.SelectMany(p => p).All(t => words.Contains(Excerpts.Stem(t)));
    }
}
