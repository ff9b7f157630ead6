using System.Text;

namespace BudgetBuddy.Load.Reports;

/// <summary>Text from the summary written into Markdown so that it reads as text, never as markup.</summary>
internal static class MarkdownText
{
    // Inline markup (emphasis, code, links, raw HTML, tables, strikethrough, math, entities) starts with one of these;
    // a backslash makes any ASCII punctuation literal.
    private const string Special = "\\`*_[]<>|~$&";

    /// <summary>One line of inline text, safe in a paragraph or a table cell.</summary>
    public static string Inline(string text)
    {
        var line = ReportText.Line(text);
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>A fenced code block holding <paramref name="text"/> verbatim, with a fence longer than any backtick run in it.</summary>
    public static string CodeBlock(string text)
    {
        var longestRun = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }
        var fence = new string('`', Math.Max(3, longestRun + 1));
        return $"{fence}text\n{text}\n{fence}\n";
    }

    public static string Table(ReportTable table)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", table.Columns.Select(c => Inline(c.Header))).Append(" |\n");
        text.Append('|').AppendJoin('|', table.Columns.Select(c => c.Numeric ? "---:" : "---")).Append("|\n");
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Cells.Select(Inline)).Append(" |\n");
        }
        return text.ToString();
    }
}
