using System.Runtime.InteropServices;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Sleeps the calling thread for a span shorter than a millisecond where the OS can (Linux <c>nanosleep</c>, which
/// wakes within tens of microseconds); <see cref="Thread.Sleep(int)"/> rounds to whole milliseconds, which would make
/// every request of a 1,000/s schedule up to a millisecond late. Spinning would be exact but would burn a core that
/// the API and DynamoDB Local need.
/// </summary>
internal static partial class PreciseSleep
{
    private static readonly bool HasNanosleep = OperatingSystem.IsLinux();

    public static void For(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return;
        }
        if (!HasNanosleep)
        {
            Thread.Sleep(Math.Max(1, (int)span.TotalMilliseconds));
            return;
        }
        var nanoseconds = (long)(span.TotalMicroseconds * 1000);
        var request = new TimeSpec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);
        // Interrupted by a signal: close enough; the scheduler looks at the clock again anyway.
        _ = Nanosleep(in request, out _);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int Nanosleep(in TimeSpec request, out TimeSpec remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec(long seconds, long nanoseconds)
    {
        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }
}
