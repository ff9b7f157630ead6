namespace BudgetBuddy.Api.Imports;

/// <summary>A row that could not be read: its 1-based line (as for <see cref="ImportedRow.Line"/>) and why.</summary>
public sealed record ImportError(int Line, string Message);
