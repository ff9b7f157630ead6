using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using BudgetBuddy.Load.Reports;

namespace BudgetBuddy.UnitTests.Load.Reports;

public sealed class HtmlReportTests
{
    private static string Render(string json) => HtmlReport.Render(LoadReports.Parse(json), "run.json");

    /// <summary>The page as XML: if it parses, every tag is closed and every text from the summary was encoded.</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static XDocument Sample() => Parse(Render(SampleSummary.Text()));

    private static XElement Chart(XDocument page, string id) => Assert.Single(page.Descendants("svg"), s => (string?)s.Attribute("id") == id);

    private static int PointCount(XElement chart, string series)
    {
        var line = Assert.Single(chart.Descendants("polyline"), p => (string?)p.Attribute("data-series") == series);
        return ((string)line.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    [Fact]
    public void The_page_is_well_formed_with_a_language_a_title_and_the_verdict()
    {
        var page = Sample();

        var html = page.Root!;
        Assert.Equal("html", html.Name.LocalName);
        Assert.Equal("en", (string?)html.Attribute("lang"));
        Assert.Equal("Load test mixed, open model: FAILED, 2026-11-25 10:00:00Z", page.Descendants("title").First().Value);
        Assert.Equal("✗ FAILED", Assert.Single(page.Descendants("p"), p => (string?)p.Attribute("class") == "verdict failed").Value);
        Assert.Equal("1 of 3 thresholds failed", Assert.Single(page.Descendants("p"), p => (string?)p.Attribute("class") == "verdict-detail").Value);
    }

    [Fact]
    public void Latency_over_time_draws_p50_p95_p99_and_max_with_one_point_per_second_on_a_labelled_log_axis()
    {
        var chart = Chart(Sample(), "latency-over-time");

        Assert.Equal("Latency percentiles per second", chart.Element("title")?.Value);
        foreach (var series in new[] { "p50", "p95", "p99", "max" })
        {
            Assert.Equal(SampleSummary.Seconds, PointCount(chart, series));
        }
        var ticks = chart.Descendants("text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        // From p50's 10 ms to the stall's 1,250.75 ms max: three decades, ticked at 1, 2 and 5 of each.
        Assert.Equal(["10", "20", "50", "100", "200", "500", "1,000", "2,000", "5,000", "10,000"], ticks.Take(10));
        // Then the seconds, 0 to 29, in steps of 5.
        Assert.Equal(["0", "5", "10", "15", "20", "25", "30"], ticks.Skip(10));
        Assert.Equal(["p50", "p95", "p99", "max"], chart.Descendants("text").Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value));
    }

    [Fact]
    public void Throughput_draws_the_achieved_rate_against_the_requested_rate_and_errors_and_late_sends_per_second()
    {
        var chart = Chart(Sample(), "throughput");

        Assert.Equal("Throughput per second", chart.Element("title")?.Value);
        Assert.Equal(SampleSummary.Seconds, PointCount(chart, "achieved"));
        Assert.Equal(SampleSummary.Seconds, PointCount(chart, "errors"));
        Assert.Equal(SampleSummary.Seconds, PointCount(chart, "late"));
        var reference = Assert.Single(chart.Descendants("line"), l => (string?)l.Attribute("class") == "reference");
        Assert.Equal("requested 200.0/s", reference.Element("title")?.Value);
    }

    [Fact]
    public void The_distribution_draws_every_percentile_on_an_axis_of_nines_ending_at_the_maximum()
    {
        var chart = Chart(Sample(), "latency-distribution");

        Assert.Equal("Latency by percentile", chart.Element("title")?.Value);
        Assert.Equal(SampleSummary.DistributionPoints, PointCount(chart, "latency"));
        var ticks = chart.Descendants("text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%", "max"], ticks.Where(t => t.EndsWith('%') || t == "max"));
    }

    [Fact]
    public void A_second_without_answers_is_shaded_instead_of_drawn_as_zero_latency()
    {
        var json = SampleSummary.Json();
        json["intervals"]![5]!["count"] = 0;
        json["intervals"]![5]!["p50Ms"] = null;

        var chart = Chart(Parse(Render(json.ToJsonString())), "latency-over-time");

        Assert.Equal(SampleSummary.Seconds - 1, PointCount(chart, "p50"));
        Assert.Equal(SampleSummary.Seconds - 1, PointCount(chart, "max"));
        Assert.Single(chart.Descendants("rect"), r => (string?)r.Attribute("class") == "band");
    }

    [Fact]
    public void Tables_show_the_thresholds_with_the_failed_one_marked_and_the_figures()
    {
        var page = Sample();

        var rows = page.Descendants("tr").ToList();
        var failed = Assert.Single(rows, r => (string?)r.Attribute("class") == "fail");
        Assert.Equal(["✗ fail", "p99.9", "<= 300 ms", "480.50 ms"], failed.Elements("td").Select(td => td.Value));
        Assert.Equal(2, rows.Count(r => (string?)r.Attribute("class") == "pass"));
        Assert.Contains(rows, r => r.Elements("td").Select(td => td.Value).SequenceEqual(
            ["5,948", "14.12", "10.50", "21.00", "31.50", "55.50", "480.50", "1,250.75"]));
        Assert.Contains(rows, r => r.Elements("td").Select(td => td.Value).SequenceEqual(
            ["post-transaction", "50", "2,974", "3 (0.101 %)", "18.00", "14.50", "29.00", "43.50", "60.75", "500.00", "1,250.75"]));
    }

    [Fact]
    public void A_script_in_an_error_body_is_shown_as_text_and_never_becomes_an_element()
    {
        var html = Render(SampleSummary.Text());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        var bodies = Parse(html).Descendants("pre").Select(p => p.Value).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Contains(SampleSummary.ScriptBody, bodies);
    }

    [Fact]
    public void The_page_works_offline_it_references_nothing_outside_itself()
    {
        var html = Render(SampleSummary.Text());
        var page = Parse(html);

        var references = page.Descendants().SelectMany(e => e.Attributes())
            .Where(a => a.Name.LocalName is "src" or "href" or "xlink:href" or "action" or "data")
            .Select(a => a.Value)
            .ToList();
        Assert.DoesNotContain(references, r => r.Contains("//", StringComparison.Ordinal) || r.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_has_an_accessible_name_and_description()
    {
        var charts = Sample().Descendants("svg").ToList();

        Assert.Equal(3, charts.Count);
        Assert.All(charts, svg =>
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(svg.Element("title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(svg.Element("desc")?.Value));
        });
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"scenario":"smoke","model":"closed","connections":50,"steps":[],"intervals":[],"distribution":[],"errorSamples":[],"thresholds":[],"passed":true}""")]
    [InlineData("""{"scenario":"smoke","steps":null,"intervals":null,"latency":null,"machine":null,"cpu":null,"unknown":{"field":1}}""")]
    public void A_summary_without_intervals_steps_or_samples_still_renders_both_reports(string json)
    {
        var page = Parse(Render(json));
        var markdown = MarkdownReport.Render(LoadReports.Parse(json), "run.html");

        Assert.Equal(3, page.Descendants("svg").Count());
        Assert.Empty(page.Descendants("polyline"));
        // One note per plot: latency, throughput's three panels (rate, errors, late), distribution.
        Assert.Equal(5, page.Descendants("text").Count(t => (string?)t.Attribute("class") == "empty"));
        Assert.Contains("The summary has no per-step figures.", markdown, StringComparison.Ordinal);
        Assert.Contains("No thresholds were set for this run.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_model_shows_its_connections_and_no_requested_rate()
    {
        var json = SampleSummary.Json();
        json["model"] = "closed";
        json["requestedRate"] = null;
        json["connections"] = 10_000;

        var page = Parse(Render(json.ToJsonString()));

        Assert.DoesNotContain(page.Descendants("line"), l => (string?)l.Attribute("class") == "reference");
        Assert.Contains(page.Descendants("tr"), r => r.Elements("td").Select(td => td.Value).SequenceEqual(["Connections", "10,000", ""]));
        Assert.DoesNotContain(page.Descendants("td"), td => td.Value == "Requested rate");
    }

    [Fact]
    public void Control_characters_from_the_summary_are_dropped_so_the_page_stays_valid()
    {
        var json = new JsonObject { ["scenario"] = "mixed\u0001\u001b[31m", ["errorSamples"] = new JsonArray { new JsonObject { ["step"] = "x", ["status"] = 0, ["body"] = "a\u0000b" } } };

        var page = Parse(Render(json.ToJsonString()));

        Assert.Equal("Load test mixed[31m, unknown model", page.Descendants("h1").Single().Value);
        Assert.Equal("ab", page.Descendants("pre").Single().Value);
        Assert.Contains(page.Descendants("p"), p => p.Value == "x, no response:");
    }
}
