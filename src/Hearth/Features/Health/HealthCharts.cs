using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Hearth.Features.Health;

/// <summary>One bar group of a chart: its label and one value per series.</summary>
public sealed record ChartColumn(string Label, IReadOnlyList<double> Values);

/// <summary>
/// Bar charts drawn on the server as SVG: no chart library, no script. Each chart is an image to assistive technology
/// (role="img", labelled by its &lt;title&gt; and described by its &lt;desc&gt;, which states the largest value);
/// the page puts a data table beside it for the exact figures. Colours come from the stylesheet (series-N classes).
/// </summary>
public static class HealthCharts
{
    private const int Height = 160;
    private const int Top = 12;
    private const int Bottom = 28;
    private const int Left = 34;

    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<string> series, IReadOnlyList<ChartColumn> columns)
    {
        // Dense series (30 days) label every fifth bar; sparse ones leave room for their longest label.
        var groupWidth = columns.Count > 20 ? 18 : Math.Max(40, (columns.Max(c => c.Label.Length) * 6) + 8);
        var width = Left + (columns.Count * groupWidth) + 8;
        var max = Math.Max(1, columns.SelectMany(c => c.Values).DefaultIfEmpty(0).Max());
        var plot = Height - Top - Bottom;
        var barWidth = Math.Max(2, (groupWidth - 4) / Math.Max(1, series.Count));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {Height}" width="{width}" height="{Height}" aria-labelledby="{id}-title {id}-desc" data-testid="{id}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{E(title)}</title><desc id="{id}-desc">{E(description)}</desc>""");
        // Axis and the top value, so the scale is readable without the table.
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="axis" x1="{Left}" y1="{Height - Bottom}" x2="{width - 4}" y2="{Height - Bottom}"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="tick" x="{Left - 4}" y="{Top + 4}" text-anchor="end">{N(max)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="tick" x="{Left - 4}" y="{Height - Bottom}" text-anchor="end">0</text>""");
        var labelEvery = columns.Count > 20 ? 5 : 1;
        for (var i = 0; i < columns.Count; i++)
        {
            var x0 = Left + (i * groupWidth) + 2;
            for (var s = 0; s < series.Count && s < columns[i].Values.Count; s++)
            {
                var value = columns[i].Values[s];
                var h = value <= 0 ? 0 : Math.Max(1, value / max * plot);
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="series-{s}" x="{x0 + (s * barWidth)}" y="{N(Height - Bottom - h)}" width="{barWidth - 1}" height="{N(h)}"><title>{E(columns[i].Label)}: {E(series[s])} {N(value)}</title></rect>""");
            }
            if (i % labelEvery == 0 || i == columns.Count - 1)
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="tick" x="{x0 + ((groupWidth - 4) / 2)}" y="{Height - Bottom + 14}" text-anchor="middle">{E(columns[i].Label)}</text>""");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
