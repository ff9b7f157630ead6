namespace BudgetBuddy.Api.BreachDetection;

/// <summary>
/// When one caller's activity becomes a security signal (section <c>BreachDetection</c>): reaching a count within
/// <see cref="Window"/> raises the signal once for that window. The defaults sit well above what a client app does
/// (a budgeting app reads a handful of ids that do not exist, a few sensitive records a screen, one export a session).
/// </summary>
public sealed class BreachDetectionOptions
{
    public const string Section = "BreachDetection";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>404s on requests naming a resource id.</summary>
    public int NotFoundPerWindow { get; set; } = 50;

    /// <summary>Sensitive records disclosed (each record of each answer counts).</summary>
    public int DisclosuresPerWindow { get; set; } = 500;

    /// <summary>Exports started.</summary>
    public int ExportsPerWindow { get; set; } = 5;
}
