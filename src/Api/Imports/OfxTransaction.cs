namespace BudgetBuddy.Api.Imports;

/// <summary>The fields of one <c>&lt;STMTTRN&gt;</c> as they are read, until it ends and becomes a row or an error.</summary>
internal sealed class OfxTransaction(int line)
{
    public int Line { get; } = line;
    public string? Posted { get; set; }
    public string? Amount { get; set; }
    public string? FitId { get; set; }
    public string? Name { get; set; }
    public string? PayeeName { get; set; }
    public string? Memo { get; set; }

    public ImportedRow? ToRow(int exponent, out ImportError? error)
    {
        string? problems = null;

        DateOnly date = default;
        if (Posted is null)
        {
            StatementText.Report(ref problems, "DTPOSTED is missing.");
        }
        else if (!OfxDate.TryParse(Posted, out date))
        {
            StatementText.Report(ref problems, $"DTPOSTED {StatementText.Quote(Posted)} is not an OFX date (yyyyMMdd[HHmmss[.fff]][[zone]]).");
        }

        long amount = 0;
        if (Amount is null)
        {
            StatementText.Report(ref problems, "TRNAMT is missing.");
        }
        else if (!DecimalAmount.TryParseMinorUnits(Amount, exponent, DecimalSeparatorOf(Amount), out amount, out var amountError))
        {
            StatementText.Report(ref problems, $"TRNAMT {StatementText.Quote(Amount)} {amountError}.");
        }

        // NAME directly in STMTTRN wins: PAYEE is the bill-pay aggregate, and banks that send both put the name
        // the account holder knows in NAME.
        var payee = StatementText.Clean(Name ?? PayeeName, ImportedRow.MaxTextLength, Name is null && PayeeName is not null ? "PAYEE/NAME" : "NAME", ref problems);
        var memo = StatementText.Clean(Memo, ImportedRow.MaxTextLength, "MEMO", ref problems);
        var externalId = StatementText.Clean(FitId, ImportedRow.MaxExternalIdLength, "FITID", ref problems);

        if (problems is not null)
        {
            error = new ImportError(Line, problems);
            return null;
        }
        error = null;
        return new ImportedRow(Line, date, amount, payee, memo, externalId);
    }

    /// <summary>
    /// OFX says '.', but some banks write ','. The amount has no thousands separators by the standard, so a lone
    /// separator of either kind is the decimal one; when both appear, the last one is.
    /// </summary>
    private static char DecimalSeparatorOf(ReadOnlySpan<char> amount)
    {
        var dot = amount.LastIndexOf('.');
        var comma = amount.LastIndexOf(',');
        if (dot >= 0 && comma >= 0)
        {
            return dot > comma ? '.' : ',';
        }
        if (comma >= 0)
        {
            return amount.IndexOf(',') == comma ? ',' : '.';
        }
        return dot >= 0 && amount.IndexOf('.') != dot ? ',' : '.';
    }
}
