using System.Text.RegularExpressions;

namespace Hearth.Features.Portability;

/// <summary>
/// Who is who in one archive. Every person the archive mentions gets a pseudonym (<c>member-N</c>, numbered in the
/// order the export meets them); only members who consented are listed with their names in members.json. Text is
/// scrubbed of the user names of members who did not consent: "@name" mentions and the "[name wrote]" line of quotes
/// become their pseudonym, so nothing in the archive names them.
/// </summary>
public sealed partial class Pseudonyms
{
    // The renderer's mention rule (MarkdownRenderer) and the quote header ConversationQueries writes.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_][A-Za-z0-9_.-]{1,31})")]
    private static partial Regex Mention();

    [GeneratedRegex(@"\[([A-Za-z0-9_][A-Za-z0-9_.-]{1,31}) wrote\]")]
    private static partial Regex QuoteHeader();

    private readonly Dictionary<long, string> _refs = [];
    private readonly HashSet<long> _consented = [];
    private readonly Dictionary<string, long> _memberIds = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="members">Everyone with a membership row in the community (any state), by id and user name.</param>
    public Pseudonyms(IEnumerable<(long Id, string UserName)> members)
    {
        foreach (var (id, userName) in members) _memberIds[userName] = id;
    }

    public int Count => _refs.Count;

    /// <summary>Consented members are numbered first, so their pseudonyms are the same in every export of the same roster.</summary>
    public string Consent(long userId)
    {
        _consented.Add(userId);
        return RefOf(userId);
    }

    public string RefOf(long userId)
    {
        if (!_refs.TryGetValue(userId, out var name)) _refs[userId] = name = Archive.Ref(_refs.Count + 1);
        return name;
    }

    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text) || (!text.Contains('@', StringComparison.Ordinal) && !text.Contains(" wrote]", StringComparison.Ordinal))) return text;
        text = Mention().Replace(text, m =>
        {
            // As the renderer does: a trailing '.' or '-' is punctuation, not part of the name.
            var name = m.Groups[1].Value.TrimEnd('.', '-');
            var rest = m.Groups[1].Value[name.Length..];
            return Hidden(name) is { } pseudonym ? "@" + pseudonym + rest : m.Value;
        });
        return QuoteHeader().Replace(text, m => Hidden(m.Groups[1].Value) is { } pseudonym ? $"[{pseudonym} wrote]" : m.Value);
    }

    private string? Hidden(string userName) =>
        _memberIds.TryGetValue(userName, out var id) && !_consented.Contains(id) ? RefOf(id) : null;
}
