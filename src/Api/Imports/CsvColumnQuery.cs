using System.Globalization;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Query parameters that map a bank's CSV layout onto ours: column names, the date format, the delimiter and the
/// decimal separator, named in camelCase like every other query parameter. Anything left out keeps the default (columns date, amount or debit/credit, payee, memo).
/// </summary>
internal sealed record CsvColumnQuery(
    [FromQuery(Name = "dateColumn")] string? DateColumn,
    [FromQuery(Name = "amountColumn")] string? AmountColumn,
    [FromQuery(Name = "debitColumn")] string? DebitColumn,
    [FromQuery(Name = "creditColumn")] string? CreditColumn,
    [FromQuery(Name = "payeeColumn")] string? PayeeColumn,
    [FromQuery(Name = "memoColumn")] string? MemoColumn,
    [FromQuery(Name = "idColumn")] string? IdColumn,
    [FromQuery(Name = "dateFormat")] string? DateFormat,
    [FromQuery(Name = "delimiter")] string? Delimiter,
    [FromQuery(Name = "decimalSeparator")] string? DecimalSeparator)
{
    public CsvImportOptions? ToOptions(ValidationErrors errors)
    {
        var defaults = new CsvImportOptions();
        char? delimiter = Delimiter switch
        {
            null or "" => null,
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } d => d[0],
            _ => Invalid("delimiter", "delimiter must be one character (or 'tab')."),
        };
        var decimalSeparator = DecimalSeparator switch
        {
            null or "" or "." => '.',
            "," => ',',
            _ => Invalid("decimalSeparator", "decimalSeparator must be '.' or ','."),
        };
        if (DateFormat is { Length: > 40 })
        {
            errors.Add("dateFormat", "dateFormat must be at most 40 characters, e.g. dd/MM/yyyy.");
        }
        else if (DateFormat is { Length: > 0 } format && !IsDateFormat(format))
        {
            errors.Add("dateFormat", "dateFormat must be a date format of day, month and year fields, e.g. dd/MM/yyyy.");
        }
        return errors.Any ? null : new CsvImportOptions
        {
            DateColumn = DateColumn ?? defaults.DateColumn,
            AmountColumn = AmountColumn ?? defaults.AmountColumn,
            DebitColumn = DebitColumn ?? defaults.DebitColumn,
            CreditColumn = CreditColumn ?? defaults.CreditColumn,
            PayeeColumn = PayeeColumn ?? defaults.PayeeColumn,
            MemoColumn = MemoColumn ?? defaults.MemoColumn,
            IdColumn = IdColumn,
            DateFormat = DateFormat,
            Delimiter = delimiter,
            DecimalSeparator = decimalSeparator,
        };

        char Invalid(string field, string message)
        {
            errors.Add(field, message);
            return default;
        }
    }

    /// <summary>
    /// Whether dates can be written (and so read) in <paramref name="format"/>: the exact parser throws, rather than
    /// fails, on a format it cannot use at all (a lone "#", time or zone fields, an unclosed quote).
    /// </summary>
    private static bool IsDateFormat(string format)
    {
        try
        {
            _ = new DateOnly(2026, 12, 31).ToString(format, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
