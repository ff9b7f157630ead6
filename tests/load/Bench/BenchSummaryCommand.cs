using System.CommandLine;
using System.Text.Json;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.Load.Bench;

/// <summary><c>bench-summary --figures FILE [--out FILE.md]</c>: the last step of <c>make bench</c>.</summary>
internal static class BenchSummaryCommand
{
    public static Command Create()
    {
        var figures = new Option<FileInfo>("--figures") { Description = "The name=value figures run-bench.sh wrote.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the Markdown table as well." };
        var command = new Command("bench-summary", "Sets make bench's figures against their targets and prints one table.") { figures, output };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(figures)!;
            if (!file.Exists)
            {
                await System.Console.Error.WriteLineAsync($"no figures file at {file.FullName}");
                return 2;
            }
            var lines = BenchTargets.Evaluate(BenchFigures.Parse(await File.ReadAllLinesAsync(file.FullName, ct)), Load);
            var at = DateTimeOffset.UtcNow;
            System.Console.WriteLine(BenchReport.Console(lines, at));
            if (parse.GetValue(output) is { } md)
            {
                await File.WriteAllTextAsync(md.FullName, BenchReport.Markdown(lines, at), ct);
                System.Console.WriteLine($"table: {Path.GetRelativePath(Environment.CurrentDirectory, md.FullName)}");
            }
            return 0;
        });
        return command;
    }

    private static LoadSummary Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), LoadSummaryJson.Default.LoadSummary)
        ?? throw new InvalidDataException($"{path} holds no load summary");
}
