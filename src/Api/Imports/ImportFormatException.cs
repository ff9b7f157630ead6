namespace BudgetBuddy.Api.Imports;

/// <summary>
/// The file as a whole cannot be read (no header row, required columns missing, not OFX, no statement, unusable
/// options). The message is written for the person who uploaded the file, so a caller can answer 400 with it.
/// </summary>
public sealed class ImportFormatException(string message) : Exception(message);
