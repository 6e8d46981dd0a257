using System.Globalization;

namespace Hearth.Features.Moderation;

public static class ModerationUrls
{
    /// <summary>The page where the member sees a decision about them and may appeal it.</summary>
    public static string Action(long id) => $"/moderation/actions/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string Queue(string slug) => $"/c/{slug}/moderation";
}
