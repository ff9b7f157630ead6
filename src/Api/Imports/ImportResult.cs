namespace BudgetBuddy.Api.Imports;

/// <summary>
/// The answer to an import: how many lines became transactions, how many were already there (same bank id, or
/// the same line imported before), and the lines that could not be read, with their line numbers.
/// </summary>
public sealed record ImportResult(int Imported, int Duplicates, IReadOnlyList<ImportError> Errors);
