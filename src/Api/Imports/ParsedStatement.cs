namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Rows in file order, errors for rows that could not be read (the others still import), and the currency the file
/// declares (OFX CURDEF of its first statement, upper case) if any; CSV files declare none.
/// </summary>
public sealed record ParsedStatement(IReadOnlyList<ImportedRow> Rows, IReadOnlyList<ImportError> Errors, string? Currency);
