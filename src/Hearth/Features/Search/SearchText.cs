using System.Text;

namespace Hearth.Features.Search;

/// <summary>
/// What a person typed, read as plain words and "quoted phrases" — never as query syntax. Each engine gets a query
/// built from these pieces: FTS5 sees every word and phrase inside double quotes (letters and digits only, so no
/// operator, column filter or unbalanced quote can reach it); PostgreSQL gets the raw text through plainto_tsquery and
/// phraseto_tsquery, which treat punctuation as spaces. <c>NEAR(</c>, <c>*</c>, <c>-</c> and friends are just separators.
/// </summary>
public sealed class SearchText
{
    public const int MaxLength = 200;
    private const int MaxTerms = 12;
    private const int MaxTokenLength = 64;

    // Dropped from "similar topics" lookups only: matching on them finds everything and helps no one.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
        "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their", "there",
        "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    };

    private SearchText(IReadOnlyList<IReadOnlyList<string>> phrases, string words, IReadOnlyList<string> rawPhrases)
    {
        Phrases = phrases;
        Words = words;
        RawPhrases = rawPhrases;
    }

    /// <summary>Word sequences (a lone word is a phrase of one), lower-cased, as FTS5's unicode61 tokenizer splits them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Phrases { get; }

    /// <summary>The text outside quotes, for plainto_tsquery.</summary>
    public string Words { get; }

    /// <summary>The text of each quoted phrase, for phraseto_tsquery.</summary>
    public IReadOnlyList<string> RawPhrases { get; }

    public bool IsEmpty => Phrases.Count == 0;

    public static SearchText Parse(string? text)
    {
        // NUL is no word, and PostgreSQL refuses it in a query (a 500 before; the abuse sweep found it).
        text = (text ?? "").Replace('\0', ' ');
        if (text.Length > MaxLength) text = text[..MaxLength];
        var phrases = new List<IReadOnlyList<string>>();
        var rawPhrases = new List<string>();
        var words = new StringBuilder();
        var segments = text.Split('"');
        for (var i = 0; i < segments.Length; i++)
        {
            // Odd segments were inside quotes; an unbalanced last quote simply quotes the rest.
            var quoted = i % 2 == 1;
            var tokens = Tokens(segments[i]);
            if (tokens.Count == 0) continue;
            if (quoted && tokens.Count > 1 && rawPhrases.Count < 3)
            {
                phrases.Add(tokens.Take(MaxTerms).ToList());
                rawPhrases.Add(segments[i]);
            }
            else
            {
                foreach (var token in tokens) phrases.Add([token]);
                words.Append(' ').Append(segments[i]);
            }
        }
        if (phrases.Count > MaxTerms) phrases = phrases[..MaxTerms];
        return new SearchText(phrases, words.ToString().Trim(), rawPhrases);
    }

    /// <summary>The FTS5 expression: every phrase quoted, all of them required.</summary>
    public string Fts5() => string.Join(" ", Phrases.Select(p => "\"" + string.Join(" ", p) + "\""));

    /// <summary>
    /// For "similar topics": any of the significant words, the last one as a prefix while it is being typed.
    /// Null when nothing significant is left.
    /// </summary>
    public IReadOnlyList<string>? AnyWords(bool lastIsPrefix)
    {
        var tokens = Phrases.SelectMany(p => p).ToList();
        var keep = tokens.Where((t, i) => !StopWords.Contains(t) && (t.Length > 1 || char.IsDigit(t[0]))).Distinct().ToList();
        if (keep.Count == 0) return null;
        if (lastIsPrefix && tokens.Count > 0 && keep[^1] == tokens[^1] && keep[^1].Length >= 3) keep[^1] += "*";
        return keep;
    }

    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (current.Length < MaxTokenLength) current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
