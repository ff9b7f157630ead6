namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Reads OFX (and QFX, which is OFX) bank and credit card statements, version 1.x (SGML) or 2.x (XML): every
/// <c>&lt;STMTTRN&gt;</c> in the <c>&lt;BANKTRANLIST&gt;</c> of every <c>&lt;STMTRS&gt;</c> and <c>&lt;CCSTMTRS&gt;</c>,
/// in file order. A transaction without a usable DTPOSTED or TRNAMT is an <see cref="ImportError"/> at the line of
/// its <c>&lt;STMTTRN&gt;</c> (1-based, counting the header block); the others still import.
/// </summary>
/// <remarks>
/// The file is read whole: it is bounded by the request size, and one pass over a string is simplest for a format
/// whose elements may or may not be closed. The caller decodes bytes to text; OFX 1.x headers declare CHARSET:1252
/// or USASCII, which it should honour when it can.
/// </remarks>
internal static class OfxStatementParser
{
    public static ParsedStatement Parse(TextReader input, int currencyExponent)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(currencyExponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currencyExponent, DecimalAmount.MaxExponent);

        var text = input.ReadToEnd();
        var start = FindOfxElement(text);
        if (start < 0)
        {
            throw new ImportFormatException("The file is not an OFX or QFX file: it has no <OFX> element.");
        }

        var rows = new List<ImportedRow>();
        var errors = new List<ImportError>();
        string? currency = null;
        var statements = 0;
        var inStatement = false;
        var inTransactionList = false;
        var inPayee = false;
        OfxTransaction? transaction = null;

        void Finish()
        {
            if (transaction is not null)
            {
                if (transaction.ToRow(currencyExponent, out var error) is { } row)
                {
                    rows.Add(row);
                }
                else
                {
                    errors.Add(error!);
                }
            }
            transaction = null;
            inPayee = false;
        }

        // Aggregates are tracked by flags, not a stack: SGML leaves do not close, so only the aggregates that matter
        // are followed, and a missing closing tag (some banks omit </STMTTRN>) ends at the next opening one.
        var tokenizer = new OfxTokenizer(text, start);
        while (tokenizer.TryRead(out var tag))
        {
            if (tag.IsClosing)
            {
                switch (tag.Name)
                {
                    case "STMTTRN":
                        Finish();
                        break;
                    case "PAYEE":
                        inPayee = false;
                        break;
                    case "BANKTRANLIST":
                        Finish();
                        inTransactionList = false;
                        break;
                    case "STMTRS" or "CCSTMTRS":
                        Finish();
                        (inStatement, inTransactionList) = (false, false);
                        break;
                }
                continue;
            }

            switch (tag.Name)
            {
                case "STMTRS" or "CCSTMTRS":
                    Finish();
                    statements++;
                    (inStatement, inTransactionList) = (true, false);
                    break;
                case "BANKTRANLIST" when inStatement:
                    Finish();
                    inTransactionList = true;
                    break;
                case "CURDEF" when inStatement && transaction is null:
                    currency ??= tag.Text?.ToUpperInvariant();
                    break;
                case "STMTTRN" when inTransactionList:
                    Finish();
                    transaction = new OfxTransaction(tag.Line);
                    break;
                case "PAYEE" when transaction is not null:
                    inPayee = true;
                    break;
                case "DTPOSTED" when transaction is not null:
                    transaction.Posted ??= tag.Text;
                    break;
                case "TRNAMT" when transaction is not null:
                    transaction.Amount ??= tag.Text;
                    break;
                case "FITID" when transaction is not null:
                    transaction.FitId ??= tag.Text;
                    break;
                case "NAME" when transaction is not null && inPayee:
                    transaction.PayeeName ??= tag.Text;
                    break;
                case "NAME" when transaction is not null:
                    transaction.Name ??= tag.Text;
                    break;
                case "MEMO" when transaction is not null:
                    transaction.Memo ??= tag.Text;
                    break;
            }
        }
        Finish();

        if (statements == 0)
        {
            throw new ImportFormatException(
                "The OFX file has no bank or credit card statement (STMTRS or CCSTMTRS); it may be an error response or an investment statement.");
        }
        return new ParsedStatement(rows, errors, currency);
    }

    /// <summary>Where the &lt;OFX&gt; element starts, past the 1.x header block or the 2.x XML prolog; -1 if nowhere.</summary>
    private static int FindOfxElement(string text)
    {
        for (var at = text.IndexOf("<OFX", StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf("<OFX", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            var after = at + 4;
            if (after == text.Length || text[after] is '>' or '/' || char.IsWhiteSpace(text[after]))
            {
                return at;
            }
        }
        return -1;
    }
}
