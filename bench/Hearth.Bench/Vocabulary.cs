using System.Text;

namespace Hearth.Bench;

/// <summary>
/// Words with a Zipf distribution (rank r drawn with probability ∝ 1/r), as natural language has: a few very common
/// words, a long tail of rare ones. The head is real English; the tail is made of syllables, so that rare words are
/// rare in the index too. Deterministic for a given seed.
/// </summary>
internal sealed class Vocabulary
{
    private static readonly string[] Common =
    [
        "the", "to", "and", "a", "of", "i", "it", "in", "is", "you", "that", "for", "this", "with", "on", "my", "have", "but",
        "be", "was", "not", "are", "so", "if", "we", "at", "can", "just", "do", "or", "what", "they", "about", "like", "from",
        "one", "would", "there", "all", "your", "time", "when", "more", "get", "some", "out", "how", "think", "know", "will",
        "also", "good", "any", "people", "really", "use", "which", "work", "then", "up", "make", "new", "see", "way", "first",
        "because", "much", "other", "need", "try", "still", "thanks", "well", "something", "even", "same", "help", "find",
        "problem", "question", "answer", "idea", "week", "day", "year", "never", "always", "better", "best", "small", "large",
        "bread", "garden", "water", "flour", "starter", "oven", "dough", "crust", "crumb", "recipe", "salt", "yeast", "temperature",
        "server", "incident", "deploy", "latency", "database", "cache", "queue", "alert", "monitor", "outage", "release", "review",
        "project", "issue", "feature", "request", "maintainer", "license", "community", "meeting", "event", "board", "game",
        "rules", "players", "strategy", "score", "turn", "card", "tile", "camera", "lens", "photo", "light", "shadow", "colour",
        "bike", "wheel", "chain", "brake", "route", "climb", "mountain", "river", "trail", "tent", "rain", "winter", "summer",
        "coffee", "grinder", "roast", "bean", "espresso", "milk", "tea", "kettle", "cup", "plant", "soil", "seed", "tomato",
        "compost", "pepper", "leaf", "root", "pot", "window", "sun", "morning", "evening", "night", "weekend", "friday",
        "version", "update", "upgrade", "config", "setting", "option", "error", "warning", "log", "test", "build", "script",
        "keyboard", "switch", "cable", "battery", "charger", "screen", "phone", "laptop", "printer", "paper", "ink", "book",
        "chapter", "story", "writer", "draft", "edit", "notes", "guitar", "string", "chord", "song", "practice", "lesson",
        "teacher", "student", "school", "class", "budget", "price", "cost", "shop", "order", "delivery", "kitchen", "knife",
        "pan", "butter", "sugar", "egg", "cheese", "wine", "beer", "hops", "malt", "bottle", "glass", "table", "chair", "wood",
    ];

    private static readonly string[] Onsets = ["b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p", "pl", "qu", "r", "s", "st", "t", "tr", "v", "w", "z"];
    private static readonly string[] Nuclei = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
    private static readonly string[] Codas = ["", "n", "r", "l", "s", "x", "m", "nd", "rt", "ck"];

    private readonly string[] _words;
    private readonly double[] _cumulative;

    public Vocabulary(int tail, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(Common, StringComparer.Ordinal);
        var words = new List<string>(Common);
        while (words.Count < Common.Length + tail)
        {
            var syllables = 2 + random.Next(2);
            var word = new StringBuilder();
            for (var i = 0; i < syllables; i++)
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Nuclei[random.Next(Nuclei.Length)]).Append(i == syllables - 1 ? Codas[random.Next(Codas.Length)] : "");
            if (seen.Add(word.ToString())) words.Add(word.ToString());
        }
        _words = [.. words];
        _cumulative = new double[_words.Length];
        var sum = 0.0;
        for (var r = 0; r < _words.Length; r++) _cumulative[r] = sum += 1.0 / (r + 1);
        for (var r = 0; r < _words.Length; r++) _cumulative[r] /= sum;
    }

    public int Count => _words.Length;

    /// <summary>The word of a rank (0 is the most common).</summary>
    public string this[int rank] => _words[rank];

    public string Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _words[index < 0 ? ~index : index];
    }

    /// <summary>A post body: one to four sentences of six to eighteen words.</summary>
    public string Body(Random random, StringBuilder buffer)
    {
        buffer.Clear();
        var sentences = 1 + random.Next(4);
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) buffer.Append(' ');
            var words = 6 + random.Next(13);
            for (var w = 0; w < words; w++)
            {
                var word = Next(random);
                if (w == 0) buffer.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                else buffer.Append(' ').Append(word);
            }
            buffer.Append(random.Next(5) == 0 ? '?' : '.');
        }
        return buffer.ToString();
    }

    /// <summary>A topic title: four to nine words, capitalised.</summary>
    public string Title(Random random, StringBuilder buffer)
    {
        buffer.Clear();
        var words = 4 + random.Next(6);
        for (var w = 0; w < words; w++)
        {
            var word = Next(random);
            if (w == 0) buffer.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            else buffer.Append(' ').Append(word);
        }
        return buffer.ToString();
    }
}
