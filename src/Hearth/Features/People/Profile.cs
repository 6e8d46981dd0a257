using Hearth.Features.Discussions;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

/// <summary>Field limits of a profile, shared by the API, the pages and the validation.</summary>
public static class ProfileLimits
{
    public const int DisplayName = 80;
    public const int Bio = 4_000;
    public const int Skills = 10;
    public const int Links = 5;
    public const int Link = 300;
}

/// <summary>
/// Expertise is a short list of skills in the topic-tag vocabulary ("rust", "sourdough", "machine-learning"), so a
/// skill and a question's tag are the same word and "who knows X" can count accepted answers under tag X.
/// </summary>
public static class Skills
{
    /// <summary>
    /// Lower-cases, turns inner spaces and underscores into hyphens ("Machine learning" → "machine-learning"), drops
    /// duplicates, then checks each with the topic-tag rule itself (<see cref="Tags.Normalise"/>), so the two
    /// vocabularies cannot drift apart.
    /// </summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string?>? skills, Validation validation, string field = "skills")
    {
        var list = (skills ?? [])
            .Select(Normalise)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (list.Count > ProfileLimits.Skills) validation.Add(field, $"List at most {ProfileLimits.Skills} skills.");
        if (list.Any(s => !IsValid(s)))
            validation.Add(field, $"Each skill is 1–{DiscussionLimits.Tag} letters, digits or single hyphens, like a tag.");
        return list;
    }

    public static string Normalise(string? skill) =>
        string.Join('-', (skill ?? "").Trim().ToLowerInvariant().Split([' ', '_', '\t'], StringSplitOptions.RemoveEmptyEntries));

    public static bool IsValid(string skill)
    {
        var probe = new Validation();
        Tags.Normalise([skill], probe);
        return skill.Length > 0 && probe.Problem is null;
    }

    /// <summary>The skills field of the HTML form: separated by commas (a skill may be typed with spaces).</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Profile links: absolute http or https addresses only (no javascript:, data: or relative links).</summary>
public static class ProfileLinks
{
    public static IReadOnlyList<string> Normalise(IEnumerable<string?>? links, Validation validation)
    {
        var list = (links ?? []).Select(l => l?.Trim() ?? "").Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > ProfileLimits.Links) validation.Add("links", $"List at most {ProfileLimits.Links} links.");
        foreach (var link in list)
        {
            if (link.Length > ProfileLimits.Link) validation.Add("links", $"A link is at most {ProfileLimits.Link} characters.");
            else if (!IsWebAddress(link)) validation.Add("links", $"“{link}” is not an http or https address.");
        }
        return list;
    }

    public static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The links field of the HTML form: one per line.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries);
}
