using System.Text.RegularExpressions;
using Hearth.Platform.Results;

namespace Hearth.Features.Discussions;

/// <summary>
/// The styles a community can enable. The kind is kept from the start; until the Questions, Ideas, Announcements,
/// Articles and Events features land, every kind behaves like a Discussion space.
/// </summary>
public enum SpaceKind { Discussion, Questions, Ideas, Announcements, Articles, Events }

/// <summary>Who may open a topic in a space; replying is open to every member either way.</summary>
public enum WhoCanStart { Members, Moderators }

/// <summary>Field limits shared by the API, the pages and the validation.</summary>
public static class DiscussionLimits
{
    public const int TitleMin = 3;
    public const int Title = 200;
    public const int Body = 50_000;
    public const int Tags = 5;
    public const int Tag = 30;
    public const int SpaceName = 80;
    public const int SpaceDescription = 500;
}

/// <summary>Tags: up to five lower-case slugs of at most 30 characters each.</summary>
public static partial class Tags
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,29}$")]
    private static partial Regex ValidTag();

    /// <summary>
    /// Normalises case and duplicates (as Discourse does, so "Rust" and "rust" are one tag) and checks the rest;
    /// anything else that is not a slug is refused rather than silently rewritten.
    /// </summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string?>? tags, Validation validation)
    {
        var list = (tags ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > DiscussionLimits.Tags) validation.Add("tags", $"A topic has at most {DiscussionLimits.Tags} tags.");
        if (list.Any(t => !ValidTag().IsMatch(t)))
            validation.Add("tags", $"Each tag is 1–{DiscussionLimits.Tag} lower-case letters, digits or single hyphens.");
        return list;
    }

    /// <summary>The tags field of the HTML form: separated by commas or spaces.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Body and title checks shared by starting a topic and replying.</summary>
internal static class PostRules
{
    public static Validation Body(this Validation validation, string? body) =>
        validation.Require("body", body, DiscussionLimits.Body, "Body");

    public static Validation Title(this Validation validation, string? title)
    {
        var trimmed = title?.Trim();
        validation.Require("title", trimmed, DiscussionLimits.Title, "Title");
        if (!string.IsNullOrEmpty(trimmed)) validation.Check(trimmed.Length >= DiscussionLimits.TitleMin, "title", $"Title must be at least {DiscussionLimits.TitleMin} characters.");
        return validation;
    }
}
