using System.Globalization;
using System.Text;

namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>
/// A line chart drawn as inline SVG on the server, so the report needs no script and no network: one or more panels
/// stacked over a shared x axis, each with a legend, a labelled y axis, grid lines, and polylines of its series.
/// </summary>
/// <param name="Id">The element id, also the prefix of the ids inside it.</param>
/// <param name="Title">The chart's SVG <c>&lt;title&gt;</c> (its accessible name).</param>
/// <param name="Description">The chart's SVG <c>&lt;desc&gt;</c>: what it shows, in a sentence.</param>
/// <param name="X">The shared x axis.</param>
/// <param name="XLabel">The x axis's label.</param>
/// <param name="Panels">The plots, top to bottom.</param>
internal sealed record LineChart(string Id, string Title, string Description, ChartScale X, string XLabel, IReadOnlyList<ChartPanel> Panels)
{
    private const int Width = 1000;
    private const int Left = 76;
    private const int Right = 20;
    private const int LegendHeight = 28;
    private const int PanelGap = 18;
    private const int XAxisHeight = 46;
    private const int PlotWidth = Width - Left - Right;

    /// <summary>The <c>&lt;svg&gt;</c> element, well-formed XML, every text HTML-encoded.</summary>
    public string ToSvg()
    {
        var height = Panels.Sum(p => LegendHeight + p.Height + PanelGap) - PanelGap + XAxisHeight;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"{Id}\" class=\"chart\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{Id}-title {Id}-desc\">\n"));
        svg.Append(Invariant($"<title id=\"{Id}-title\">{HtmlText.Encode(Title)}</title>\n"));
        svg.Append(Invariant($"<desc id=\"{Id}-desc\">{HtmlText.Encode(Description)}</desc>\n"));

        var top = 0;
        for (var i = 0; i < Panels.Count; i++)
        {
            AppendPanel(svg, Panels[i], i, top, isLast: i == Panels.Count - 1);
            top += LegendHeight + Panels[i].Height + PanelGap;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private void AppendPanel(StringBuilder svg, ChartPanel panel, int index, int top, bool isLast)
    {
        var plotTop = top + LegendHeight;
        var plotBottom = plotTop + panel.Height;
        double XAt(double x) => Left + (X.Fraction(x) * PlotWidth);
        double YAt(double y) => plotBottom - (panel.Y.Fraction(y) * panel.Height);

        svg.Append(Invariant($"<g class=\"panel\" data-panel=\"{index}\">\n"));
        AppendLegend(svg, panel, top);
        svg.Append(Invariant($"<rect class=\"plot\" x=\"{Left}\" y=\"{plotTop}\" width=\"{PlotWidth}\" height=\"{panel.Height}\" fill=\"#ffffff\" stroke=\"#b8b8b8\"/>\n"));

        foreach (var band in panel.Bands)
        {
            var from = XAt(band.FromX);
            svg.Append(Invariant($"<rect class=\"band\" x=\"{N(from)}\" y=\"{plotTop}\" width=\"{N(Math.Max(1, XAt(band.ToX) - from))}\" height=\"{panel.Height}\" fill=\"#e4e4e4\"/>\n"));
        }

        foreach (var tick in panel.Y.Ticks)
        {
            var y = YAt(tick.Value);
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#e6e6e6\"/>\n"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{HtmlText.Encode(tick.Label)}</text>\n"));
        }
        foreach (var tick in X.Ticks)
        {
            var x = XAt(tick.Value);
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{plotTop}\" y2=\"{plotBottom}\" stroke=\"#e6e6e6\"/>\n"));
            if (isLast)
            {
                svg.Append(Invariant($"<text class=\"tick\" x=\"{N(x)}\" y=\"{plotBottom + 18}\" text-anchor=\"middle\">{HtmlText.Encode(tick.Label)}</text>\n"));
            }
        }
        var middle = plotTop + (panel.Height / 2.0);
        svg.Append(Invariant($"<text class=\"axis-label\" x=\"16\" y=\"{N(middle)}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {N(middle)})\">{HtmlText.Encode(panel.YLabel)}</text>\n"));
        if (isLast)
        {
            svg.Append(Invariant($"<text class=\"axis-label\" x=\"{Left + (PlotWidth / 2)}\" y=\"{plotBottom + 40}\" text-anchor=\"middle\">{HtmlText.Encode(XLabel)}</text>\n"));
        }

        if (panel.Series.All(s => s.Points.Count == 0))
        {
            svg.Append(Invariant($"<text class=\"empty\" x=\"{Left + (PlotWidth / 2)}\" y=\"{N(middle)}\" text-anchor=\"middle\">no data in this summary</text>\n"));
        }
        foreach (var series in panel.Series.Where(s => s.Points.Count > 0))
        {
            var points = string.Join(' ', series.Points.Select(p => $"{N(XAt(p.X))},{N(YAt(p.Y))}"));
            var dash = series.Dash is null ? "" : $" stroke-dasharray=\"{series.Dash}\"";
            svg.Append(Invariant($"<polyline class=\"series\" data-series=\"{HtmlText.Encode(series.Key)}\" points=\"{points}\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"{N(series.Width)}\"{dash} stroke-linejoin=\"round\" stroke-linecap=\"round\"><title>{HtmlText.Encode(series.Label)}</title></polyline>\n"));
            if (series.Points.Count == 1)
            {
                // A polyline of one point draws nothing.
                var only = series.Points[0];
                svg.Append(Invariant($"<circle cx=\"{N(XAt(only.X))}\" cy=\"{N(YAt(only.Y))}\" r=\"3\" fill=\"{series.Color}\"/>\n"));
            }
        }
        // Over the series: where the achieved rate meets the requested one, the line must still show.
        foreach (var reference in panel.References)
        {
            var y = YAt(reference.Y);
            svg.Append(Invariant($"<line class=\"reference\" x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"{reference.Color}\" stroke-width=\"1.5\" stroke-dasharray=\"8 5\"><title>{HtmlText.Encode(reference.Label)}</title></line>\n"));
        }
        svg.Append("</g>\n");
    }

    private static void AppendLegend(StringBuilder svg, ChartPanel panel, int top)
    {
        var y = top + 16;
        double x = Left;
        void Item(string color, string? dash, string label, bool band = false)
        {
            svg.Append(band
                ? Invariant($"<rect x=\"{N(x)}\" y=\"{y - 7}\" width=\"22\" height=\"12\" fill=\"#e4e4e4\" stroke=\"#b8b8b8\"/>")
                : Invariant($"<line x1=\"{N(x)}\" x2=\"{N(x + 22)}\" y1=\"{y - 1}\" y2=\"{y - 1}\" stroke=\"{color}\" stroke-width=\"3\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>"));
            svg.Append(Invariant($"<text class=\"legend-label\" x=\"{N(x + 28)}\" y=\"{y + 4}\">{HtmlText.Encode(label)}</text>\n"));
            // No text measuring on the server: about 7.5 px per character at the legend's 13 px.
            x += 28 + (label.Length * 7.5) + 22;
        }

        svg.Append("<g class=\"legend\">");
        foreach (var series in panel.Series)
        {
            Item(series.Color, series.Dash, series.Label);
        }
        foreach (var reference in panel.References)
        {
            Item(reference.Color, "8 5", reference.Label);
        }
        if (panel.Bands.Count > 0 && panel.BandLabel.Length > 0)
        {
            Item("", null, panel.BandLabel, band: true);
        }
        svg.Append("</g>\n");
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
