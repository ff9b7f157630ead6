namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Where each field of <see cref="CsvImportOptions"/> is in a file, found from its header row. Amount is set, or
/// Debit and Credit both are.
/// </summary>
internal sealed record CsvColumns(
    int Date, int? Amount, int? Debit, int? Credit, int? Payee, int? Memo, int? Id, IReadOnlyList<string> Header)
{
    /// <summary>The column's name as the file writes it, for messages the uploader recognises.</summary>
    public string NameOf(int index) => Header[index].Trim().TrimStart('\uFEFF');

    public static CsvColumns Resolve(IReadOnlyList<string> header, CsvImportOptions options)
    {
        var date = Find(header, options.DateColumn);
        var amount = Find(header, options.AmountColumn);
        var debit = Find(header, options.DebitColumn);
        var credit = Find(header, options.CreditColumn);
        var id = options.IdColumn is null ? null : Find(header, options.IdColumn);

        var missing = new List<string>();
        if (date is null)
        {
            missing.Add($"'{options.DateColumn}'");
        }
        if (amount is null && (debit is null || credit is null))
        {
            missing.Add($"'{options.AmountColumn}' (or both '{options.DebitColumn}' and '{options.CreditColumn}')");
        }
        if (options.IdColumn is not null && id is null)
        {
            missing.Add($"'{options.IdColumn}'");
        }
        if (missing.Count > 0)
        {
            var found = header.Count == 0 ? "none" : string.Join(", ", header.Select(h => StatementText.Quote(h.TrimStart('\uFEFF'))));
            throw new ImportFormatException(
                $"The CSV header row has no column {string.Join(", no column ", missing)}. Columns found: {found}.");
        }

        // An amount column wins over debit/credit, so a file with all three is read by its signed amounts.
        return new CsvColumns(
            date!.Value,
            amount,
            amount is null ? debit : null,
            amount is null ? credit : null,
            Find(header, options.PayeeColumn),
            Find(header, options.MemoColumn),
            id,
            header);
    }

    private static int? Find(IReadOnlyList<string> header, string name)
    {
        var wanted = name.AsSpan().Trim();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].AsSpan().Trim().TrimStart('\uFEFF').Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return null;
    }
}
