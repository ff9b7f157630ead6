namespace BudgetBuddy.Api.Imports;

/// <summary>
/// What an import did: <see cref="Result"/> counts what committed; when <see cref="Stop"/> is not
/// <see cref="ImportStop.None"/>, <see cref="NotImported"/> lines were left out, and sending the file again imports
/// exactly those (the others are duplicates by then).
/// </summary>
internal sealed record ImportOutcome(ImportResult Result, ImportStop Stop, int NotImported);
