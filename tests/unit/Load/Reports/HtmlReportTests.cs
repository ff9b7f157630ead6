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

    /// <summary>The chart's picture: the SVG that its image embeds, parsed.</summary>
    private static (XElement Image, XDocument Svg) Chart(XDocument page, string id)
    {
        var image = Assert.Single(page.Descendants("img"), i => (string?)i.Attribute("id") == id);
        const string prefix = "data:image/svg+xml;base64,";
        var source = (string)image.Attribute("src")!;
        Assert.StartsWith(prefix, source, StringComparison.Ordinal);
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(source[prefix.Length..])));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        return (image, svg);
    }

    private static List<string> Texts(XDocument svg) => svg.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value.Trim()).ToList();

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
    public void Latency_over_time_draws_p50_p95_p99_and_max_on_a_log_axis_labelled_in_milliseconds()
    {
        var (image, svg) = Chart(Sample(), "latency-over-time");

        Assert.StartsWith("Latency percentiles per second: ", (string?)image.Attribute("alt"), StringComparison.Ordinal);
        var texts = Texts(svg);
        Assert.Subset(texts.ToHashSet(), new HashSet<string> { "p50", "p95", "p99", "max", "latency (ms, log scale)", "time (s)" });
        // From p50's 10 ms to the stall's 1,250.75 ms max: whole decades, labelled as milliseconds, not as logarithms.
        Assert.Contains("10", texts);
        Assert.Contains("1000", texts);
    }

    [Fact]
    public void Throughput_draws_the_achieved_rate_against_the_requested_rate_and_errors_and_late_sends_per_second()
    {
        var (image, svg) = Chart(Sample(), "throughput");

        Assert.StartsWith("Throughput per second: ", (string?)image.Attribute("alt"), StringComparison.Ordinal);
        Assert.Subset(Texts(svg).ToHashSet(), new HashSet<string> { "achieved requests/s", "requested 200.0/s", "errors/s", "late sends/s" });
    }

    [Fact]
    public void The_distribution_is_drawn_on_an_axis_of_nines()
    {
        var (image, svg) = Chart(Sample(), "latency-distribution");

        Assert.Contains($"each of {SampleSummary.DistributionPoints - 1} percentiles", (string?)image.Attribute("alt"), StringComparison.Ordinal);
        Assert.Subset(Texts(svg).ToHashSet(), new HashSet<string> { "0 %", "90 %", "99 %", "99.9 %" });
    }

    [Fact]
    public void A_second_without_answers_is_shaded_and_said_so()
    {
        var json = SampleSummary.Json();
        json["intervals"]![5]!["count"] = 0;
        json["intervals"]![5]!["p50Ms"] = null;

        var (image, _) = Chart(Parse(Render(json.ToJsonString())), "latency-over-time");

        Assert.Contains("1 seconds without answers shaded", (string?)image.Attribute("alt"), StringComparison.Ordinal);
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
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("data:image/svg+xml;base64,", r, StringComparison.Ordinal));
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "iframe" or "object");
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_has_an_accessible_name_and_description()
    {
        var images = Sample().Descendants("img").ToList();

        Assert.Equal(3, images.Count);
        Assert.All(images, image => Assert.Matches(@"^[A-Z][^:]+: .{20,}", (string?)image.Attribute("alt")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"scenario":"smoke","model":"closed","connections":50,"steps":[],"intervals":[],"distribution":[],"errorSamples":[],"thresholds":[],"passed":true}""")]
    [InlineData("""{"scenario":"smoke","steps":null,"intervals":null,"latency":null,"machine":null,"cpu":null,"unknown":{"field":1}}""")]
    public void A_summary_without_intervals_steps_or_samples_still_renders_both_reports(string json)
    {
        var page = Parse(Render(json));
        var markdown = MarkdownReport.Render(LoadReports.Parse(json), "run.html");

        Assert.Equal(3, page.Descendants("img").Count());
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

        Assert.DoesNotContain(Texts(Chart(page, "throughput").Svg), t => t.StartsWith("requested", StringComparison.Ordinal));
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
