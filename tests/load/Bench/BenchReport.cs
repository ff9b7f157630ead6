using System.Text;

namespace BudgetBuddy.Load.Bench;

/// <summary>The bench's figures against their targets, as a console block and as Markdown for docs/performance.md.</summary>
internal static class BenchReport
{
    public static string Console(IReadOnlyList<BenchLine> lines, DateTimeOffset at)
    {
        var text = new StringBuilder();
        text.AppendLine("==================== BudgetBuddy bench ====================");
        text.AppendLine($"{at:yyyy-MM-dd HH:mm}Z, API + DynamoDB Local + harness on one machine");
        foreach (var line in lines)
        {
            text.AppendLine($"{Verdict(line.Met),-8} {line.Figure}: {line.Measured} (target {line.Target})");
            if (line.Notes.Length > 0)
            {
                text.AppendLine($"         {line.Notes}");
            }
        }
        text.AppendLine(Tally(lines));
        text.Append("===========================================================");
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<BenchLine> lines, DateTimeOffset at)
    {
        var text = new StringBuilder();
        text.AppendLine($"`make bench`, {at:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| Figure | Target | Measured | Met | Notes |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var line in lines)
        {
            text.AppendLine($"| {Cell(line.Figure)} | {Cell(line.Target)} | {Cell(line.Measured)} | {Verdict(line.Met)} | {Cell(line.Notes)} |");
        }
        return text.ToString();
    }

    // A bench with every target's step skipped met nothing: it says so rather than "all met".
    private static string Tally(IReadOnlyList<BenchLine> lines)
    {
        var judged = lines.Count(l => l.Met is not null);
        var missed = lines.Count(l => l.Met == false);
        return judged == 0 ? "targets: none measured (their steps were skipped)"
            : missed == 0 ? $"targets: all {judged} met"
            : $"targets: {missed} of {judged} missed";
    }

    private static string Verdict(bool? met) => met switch { true => "met", false => "MISSED", null => "—" };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
