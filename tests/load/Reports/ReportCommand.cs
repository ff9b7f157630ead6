using System.CommandLine;

namespace BudgetBuddy.Load.Reports;

/// <summary><c>report SUMMARY.json [--out DIR]</c>: renders a run's Markdown and HTML reports again from its JSON summary.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var summary = new Argument<FileInfo>("summary") { Description = "A run's JSON summary (tests/load/results/<name>.json)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write <name>.md and <name>.html; default beside the summary." };
        var command = new Command("report", "Render a run's Markdown and HTML reports from its JSON summary.") { summary, output };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(summary)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"no summary at {file.FullName}");
                return 2;
            }
            foreach (var path in await LoadReports.WriteAsync(file.FullName, parse.GetValue(output)?.FullName ?? file.DirectoryName!, ct))
            {
                Console.WriteLine(path);
            }
            return 0;
        });
        return command;
    }
}
