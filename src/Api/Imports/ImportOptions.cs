namespace BudgetBuddy.Api.Imports;

/// <summary>How statements are imported (section <c>Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>
    /// The most readable lines a statement may have to be imported within its request (200); a larger one becomes an
    /// import job (202). Against DynamoDB a line costs about two item writes, so this keeps a request to seconds.
    /// </summary>
    public int MaxLinesInRequest { get; set; } = 5000;

    /// <summary>
    /// How long a worker holds an import job without renewing (every third of it): after a pod stops abruptly, its
    /// jobs resume elsewhere this long after its last renewal.
    /// </summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromSeconds(30);
}
