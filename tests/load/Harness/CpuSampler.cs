using System.Diagnostics;
using System.Globalization;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// How busy the machine's cores were over a phase, and who kept them busy: this load generator, the watched process
/// groups (the API, DynamoDB Local), and everything else. On one machine they all share the cores, so a phase at
/// 100% busy is CPU-bound, and a large "other" share means the figures were taken on a machine that was not quiet.
/// Reads /proc (Linux); elsewhere only the generator's own share is known.
/// </summary>
internal sealed class CpuSampler
{
    private readonly IReadOnlyDictionary<string, int> watched;
    private readonly long startTicks = Stopwatch.GetTimestamp();
    private readonly TimeSpan startClient = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long Total)? startMachine;
    private readonly Dictionary<string, long> startGroups;

    private CpuSampler(IReadOnlyDictionary<string, int> watched)
    {
        this.watched = watched;
        startMachine = ReadMachine();
        startGroups = ReadGroups(watched);
    }

    /// <param name="watched">Process groups to account for by name, e.g. <c>api</c> → the pgid of <c>dotnet run</c>.</param>
    public static CpuSampler Start(IReadOnlyDictionary<string, int> watched) => new(watched);

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(startTicks);
        var client = Process.GetCurrentProcess().TotalProcessorTime - startClient;
        var clientPercent = wall > TimeSpan.Zero ? 100 * client.TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount) : 0;
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        double? machinePercent = null;
        double? otherPercent = null;
        if (startMachine is { } before && ReadMachine() is { } after && after.Total > before.Total)
        {
            var total = (double)(after.Total - before.Total);
            machinePercent = Math.Round(100 * (after.Busy - before.Busy) / total, 1);
            foreach (var (name, ticks) in ReadGroups(watched))
            {
                groups[name] = Math.Round(100 * (ticks - startGroups.GetValueOrDefault(name)) / total, 1);
            }
            otherPercent = Math.Round(Math.Max(0, machinePercent.Value - clientPercent - groups.Values.Sum()), 1);
        }
        return new CpuUsage(machinePercent, Math.Round(clientPercent, 1), groups, otherPercent);
    }

    // The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ..., in clock ticks of all cores.
    private static (long Busy, long Total)? ReadMachine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = ticks[3] + ticks[4];
            var total = ticks.Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    // utime + stime (fields 14 and 15 of /proc/<pid>/stat, in the same clock ticks) of every live process of each group.
    private static Dictionary<string, long> ReadGroups(IReadOnlyDictionary<string, int> watched)
    {
        var sums = watched.Keys.ToDictionary(name => name, _ => 0L, StringComparer.Ordinal);
        if (watched.Count == 0 || !Directory.Exists("/proc"))
        {
            return sums;
        }
        var names = watched.ToLookup(w => w.Value, w => w.Key);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
                foreach (var name in names[group])
                {
                    sums[name] += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }
        return sums;
    }
}
