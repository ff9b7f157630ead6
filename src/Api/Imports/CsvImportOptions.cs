namespace BudgetBuddy.Api.Imports;

/// <summary>
/// How to read a bank's CSV export. Column names are matched to the header row ignoring case and surrounding
/// whitespace. The amount comes from <see cref="AmountColumn"/> when the file has it, otherwise from
/// <see cref="DebitColumn"/> and <see cref="CreditColumn"/>, which must then both be present.
/// </summary>
public sealed record CsvImportOptions
{
    public string DateColumn { get; init; } = "date";

    /// <summary>Signed amount; negative is money leaving the account.</summary>
    public string AmountColumn { get; init; } = "amount";

    /// <summary>Money leaving the account, as a number without sign (a sign is ignored).</summary>
    public string DebitColumn { get; init; } = "debit";

    /// <summary>Money entering the account, as a number without sign (a sign is ignored).</summary>
    public string CreditColumn { get; init; } = "credit";

    /// <summary>Optional: a file without this column imports rows without payee.</summary>
    public string PayeeColumn { get; init; } = "payee";

    /// <summary>Optional: a file without this column imports rows without memo.</summary>
    public string MemoColumn { get; init; } = "memo";

    /// <summary>The bank's id of each row, when it has one; when set, the file must have this column.</summary>
    public string? IdColumn { get; init; }

    /// <summary>A .NET exact date format such as <c>dd/MM/yyyy</c>; null accepts <c>yyyy-MM-dd</c> and <c>yyyy/MM/dd</c>.</summary>
    public string? DateFormat { get; init; }

    /// <summary>The field separator; null detects comma, semicolon or tab from the header line.</summary>
    public char? Delimiter { get; init; }

    /// <summary><c>.</c> (then <c>,</c> groups thousands) or <c>,</c> (then <c>.</c> or a space groups thousands).</summary>
    public char DecimalSeparator { get; init; } = '.';
}
