using System.Globalization;

namespace Hearth.Features.Health;

/// <summary>How the page writes figures: durations in the largest sensible unit, shares as whole percentages.</summary>
public static class HealthFormat
{
    public static string Duration(double? seconds) => seconds switch
    {
        null => "–",
        < 3600 => N(seconds.Value / 60) + " min",
        < 2 * 86400 => N(seconds.Value / 3600) + " h",
        _ => N(seconds.Value / 86400) + " d",
    };

    public static string Percent(double? share) => StyleReadings.Percent(share);

    public static string Date(DateTime at) => at.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
