using System.Net;

namespace BudgetBuddy.Load.Reports;

/// <summary>Text from the summary written into HTML (and the SVG in it) so that it reads as text, never as markup.</summary>
internal static class HtmlText
{
    /// <summary>
    /// <paramref name="text"/> with <c>&lt; &gt; &amp; " '</c> encoded and control characters dropped; what comes out
    /// is also valid XML, so the page parses as XHTML.
    /// </summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(ReportText.Clean(text));
}
