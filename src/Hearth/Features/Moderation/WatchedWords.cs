using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Hearth.Features.Moderation;

/// <summary>How a watched word matches: as a whole word, ignoring case; a trailing * matches any ending ("spam*").</summary>
public static class WatchedWords
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Pattern(string word) => Cache.GetOrAdd(word, w =>
    {
        var wildcard = w.EndsWith('*');
        var core = Regex.Escape(wildcard ? w[..^1] : w);
        // Bounded time: a watched word is data from stewards, and a post is data from anyone.
        return new Regex($@"(?<!\w){core}{(wildcard ? @"\w*" : @"(?!\w)")}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
    });
}
