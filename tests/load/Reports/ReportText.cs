using System.Text;

namespace BudgetBuddy.Load.Reports;

/// <summary>Text taken from the summary, made safe to show: no control characters, error bodies trimmed.</summary>
internal static class ReportText
{
    /// <summary>The harness keeps the first 300 characters of a body; a longer one is cut here too.</summary>
    public const int MaxBodyChars = 300;

    /// <summary>More samples than this are left to the JSON file.</summary>
    public const int MaxErrorSamples = 50;

    /// <summary>
    /// <paramref name="text"/> without control characters (other than new lines and tabs) and unpaired surrogates,
    /// which neither a terminal nor an XML parser would take; <c>\r\n</c> becomes <c>\n</c>.
    /// </summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c == '\r')
            {
                clean.Append(i + 1 < text.Length && text[i + 1] == '\n' ? "" : "\n");
            }
            else if (c is '\n' or '\t' || !(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    /// <summary>An error body as the reports show it: clean, at most <see cref="MaxBodyChars"/> characters, "(empty)" when empty.</summary>
    public static string Body(string body)
    {
        var clean = Clean(body).TrimEnd();
        if (clean.Length > MaxBodyChars)
        {
            var cut = char.IsHighSurrogate(clean[MaxBodyChars - 1]) ? MaxBodyChars - 1 : MaxBodyChars;
            clean = clean[..cut] + "…";
        }
        return clean.Length == 0 ? "(empty)" : clean;
    }

    /// <summary>One line of text: new lines and tabs become spaces.</summary>
    public static string Line(string text) => Clean(text).Replace('\n', ' ').Replace('\t', ' ');

    /// <summary>"HTTP 503", or "no response" for a request that got none (timeout, refused connection).</summary>
    public static string Status(int? status) => status is { } code and > 0 ? $"HTTP {code}" : "no response";

    /// <summary>"all 3 thresholds passed", "1 of 3 thresholds failed" or "no thresholds set".</summary>
    public static string ThresholdSummary(RunSummary summary)
    {
        var total = summary.Thresholds.Count;
        var failed = summary.Thresholds.Count(t => !t.Passed);
        return (total, failed) switch
        {
            (0, _) => "no thresholds set",
            (1, 0) => "the threshold passed",
            (_, 0) => $"all {total} thresholds passed",
            _ => $"{failed} of {total} thresholds failed",
        };
    }
}
