using System.Globalization;
using System.Text;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.Seeding;

/// <summary>
/// Bank statements of made-up history, as CSV in the import endpoint's default layout (<c>date,amount,payee,memo</c>,
/// amounts in major units). One import request carries a whole account's history, which the API commits in batches of
/// about fifty lines per DynamoDB transaction: far fewer writes than one POST per transaction.
/// </summary>
internal static class StatementCsv
{
    private static readonly string[] Payees =
        ["Corner Grocer", "City Transit", "Blue Bottle", "Hardware Barn", "Pharmacy Plus", "Gas & Go", "Bookshop", "Noodle Bar",
         "Streaming Co", "Farmers Market", "Power & Light", "Water Works", "Gym Club", "Cinema 8", "Pet Supplies"];

    /// <summary>Checking: two salary payments a month and everyday spending.</summary>
    public static string Checking(IReadOnlyList<DateOnly> months, DateOnly today, int linesPerMonth, Think think) =>
        Build(months, today, think, (month, lines) =>
        {
            lines.Add((month, 240_000, "Employer Payroll"));
            lines.Add((month.AddDays(14), 240_000, "Employer Payroll"));
            for (var i = 2; i < linesPerMonth; i++)
            {
                lines.Add((month.AddDays(think.Next(28)), -think.Between(300, 25_000), think.Pick(Payees)));
            }
        });

    /// <summary>Credit card: spending only, a third as many lines as checking.</summary>
    public static string CreditCard(IReadOnlyList<DateOnly> months, DateOnly today, int linesPerMonth, Think think) =>
        Build(months, today, think, (month, lines) =>
        {
            for (var i = 0; i < Math.Max(1, linesPerMonth / 3); i++)
            {
                lines.Add((month.AddDays(think.Next(28)), -think.Between(500, 15_000), think.Pick(Payees)));
            }
        });

    /// <summary>Savings: a month's interest.</summary>
    public static string Savings(IReadOnlyList<DateOnly> months, DateOnly today, Think think) =>
        Build(months, today, think, (month, lines) => lines.Add((month.AddDays(27), think.Between(100, 900), "Interest")));

    /// <summary>The lines of a statement without its header: what the import should report as imported.</summary>
    public static int LinesOf(string csv) => csv.Count(c => c == '\n') - 1;

    private static string Build(
        IReadOnlyList<DateOnly> months, DateOnly today, Think think, Action<DateOnly, List<(DateOnly Date, long Amount, string Payee)>> month)
    {
        var lines = new List<(DateOnly Date, long Amount, string Payee)>();
        foreach (var first in months)
        {
            month(first, lines);
        }
        var csv = new StringBuilder("date,amount,payee,memo\n");
        foreach (var (date, amount, payee) in lines)
        {
            // Nothing is dated after today: this month's lines fall on days that have been.
            var day = date > today ? today : date;
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{Major(amount)},{payee},seed {think.Next(100_000)}\n");
        }
        return csv.ToString();
    }

    private static string Major(long minor) =>
        string.Create(CultureInfo.InvariantCulture, $"{(minor < 0 ? "-" : "")}{Math.Abs(minor) / 100}.{Math.Abs(minor) % 100:00}");
}
