namespace BudgetBuddy.Api.Imports;

/// <summary>
/// What one pass of <see cref="StatementImporter.RunAsync"/> over lines did: <see cref="Imported"/> and
/// <see cref="Duplicates"/> count the lines it settled; <see cref="UnrecordedDuplicates"/> of the duplicates were found
/// after its last batch, so no progress write recorded them; when <see cref="Stop"/> is not
/// <see cref="ImportStop.None"/>, <see cref="NotImported"/> lines were left unsettled.
/// </summary>
internal sealed record ImportRun(int Imported, int Duplicates, int UnrecordedDuplicates, ImportStop Stop, int NotImported);
