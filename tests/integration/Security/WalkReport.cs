namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>One assertion message for the whole walk, so a run shows every hole at once instead of the first.</summary>
internal static class WalkReport
{
    public static string Describe(IReadOnlyList<string> gaps, IReadOnlyList<string> violations)
    {
        var lines = new List<string>();
        if (violations.Count > 0)
        {
            lines.Add($"{violations.Count} object-level authorisation violation(s):");
            lines.AddRange(violations.Select(v => "  - " + v));
        }
        if (gaps.Count > 0)
        {
            lines.Add($"{gaps.Count} route(s) or request(s) the walk cannot exercise yet; teach the test (tests/integration/Security):");
            lines.AddRange(gaps.Select(g => "  - " + g));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
