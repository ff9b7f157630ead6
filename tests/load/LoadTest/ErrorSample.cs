namespace BudgetBuddy.Load.LoadTest;

/// <summary>A failed request as the summary shows it: its step, the HTTP status (0 when no answer came) and the first 300 characters of the body or error.</summary>
internal sealed record ErrorSample(string Step, int Status, string Body);
