namespace BudgetBuddy.Api.Imports;

/// <summary>
/// One statement line, ready to become a transaction. <paramref name="Line"/> is the 1-based line in the file where
/// the row (CSV) or the <c>&lt;STMTTRN&gt;</c> (OFX) starts. <paramref name="Amount"/> is in minor units, negative for
/// money leaving the account. <paramref name="ExternalId"/> is the bank's id of the line (OFX FITID, or the CSV id
/// column when one is configured), for recognising a line imported before; null when the file has none.
/// </summary>
public sealed record ImportedRow(int Line, DateOnly Date, long Amount, string? Payee, string? Memo, string? ExternalId)
{
    /// <summary>Longest payee or memo an import accepts; a longer one makes its row an error, never a truncation.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Longest external id an import accepts (the OFX limit of FITID).</summary>
    public const int MaxExternalIdLength = 255;
}
