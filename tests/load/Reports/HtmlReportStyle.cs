namespace BudgetBuddy.Load.Reports;

/// <summary>The HTML report's stylesheet, inlined so the file stands alone; system fonts only, nothing fetched.</summary>
internal static class HtmlReportStyle
{
    // No '<' or '&' in here: the page must stay well-formed XML.
    public const string Css = """
        :root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --panel: #ffffff; --page: #f3f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 20px 24px 32px; }
        header { margin-bottom: 12px; }
        .heading { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; margin: 8px 0 10px; }
        h1 { font-size: 26px; line-height: 1.25; margin: 0; }
        .heading p { margin: 0; }
        .verdict-detail { color: var(--muted); }
        h2 { font-size: 18px; margin: 0 0 10px; }
        section { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 14px 20px 16px; margin: 14px 0; }
        section > p:last-child { margin-bottom: 0; }
        .verdict { display: inline-block; padding: 2px 14px; border-radius: 999px; font-weight: 700; letter-spacing: 0.04em; color: #ffffff; }
        .verdict.passed { background: var(--pass); }
        .verdict.failed { background: var(--fail); }
        dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dl.run dt { color: var(--muted); }
        dl.run dd { margin: 0; overflow-wrap: anywhere; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 14px 0; }
        .card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 10px 16px; }
        .card .label { color: var(--muted); font-size: 13px; }
        .card .value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
        .card .detail { color: var(--muted); font-size: 13px; }
        .card.bad .value { color: var(--fail); }
        .table { overflow-x: auto; }
        .table + h2 { margin-top: 18px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
        table.compact { width: auto; min-width: 50%; }
        th, td { padding: 5px 9px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; white-space: nowrap; }
        th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
        th.num, td.num { text-align: right; }
        tr.pass td:first-child { color: var(--pass); font-weight: 600; white-space: nowrap; }
        tr.fail td:first-child { color: var(--fail); font-weight: 700; white-space: nowrap; }
        tr.fail { background: #fff5f5; }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        figure img { display: block; width: 100%; height: auto; }
        .sample { margin: 10px 0 0; }
        .sample p { margin: 0 0 4px; }
        pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
        footer { color: var(--muted); font-size: 13px; }
        @media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } }
        """;
}
