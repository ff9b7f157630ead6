using System.Globalization;
using CsvHelper;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Reads a bank's CSV export. The header row names the columns (see <see cref="CsvImportOptions"/>); each later
/// row becomes an <see cref="ImportedRow"/> or, when its date or amount cannot be read, an <see cref="ImportError"/>,
/// so one bad row never costs the others. Line numbers are the file's physical lines, counted from 1 (blank lines
/// and the header included), at the line where the row starts.
/// </summary>
internal static class CsvStatementParser
{
    private static readonly string[] IsoDateFormats = ["yyyy-MM-dd", "yyyy/MM/dd"];

    public static ParsedStatement Parse(TextReader input, CsvImportOptions options, int currencyExponent)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(currencyExponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currencyExponent, DecimalAmount.MaxExponent);
        CheckOptions(options);

        var (header, linesBeforeHeader, separatorHint) = ReadHeaderLine(input);
        var separator = options.Delimiter ?? separatorHint ?? DetectSeparator(header);

        var rows = new List<ImportedRow>();
        var errors = new List<ImportError>();
        long unclosedQuoteLine = 0;
        var readerOptions = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            // Only a quote left open matters: it swallows the rest of the file into one field, which the row's
            // error should say instead of complaining about the garbled date or amount.
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    unclosedQuoteLine = record.LineNumber;
                }
            },
        };

        using var csv = CsvReader.Create(new HeaderReplayReader(header, input), readerOptions, leaveOpen: true);
        try
        {
            var columns = CsvColumns.Resolve(csv.Headers, options);
            var dateFormats = options.DateFormat is null ? IsoDateFormats : [options.DateFormat];
            while (csv.Read())
            {
                var line = checked((int)(csv.LineNumber + linesBeforeHeader));
                if (IsBlank(csv))
                {
                    continue;
                }
                if (csv.LineNumber == unclosedQuoteLine)
                {
                    errors.Add(new ImportError(line, "A quoted field that starts on this line is never closed, so the rest of the file was read into it."));
                    continue;
                }
                var row = ReadRow(csv, columns, dateFormats, options.DecimalSeparator, currencyExponent, line, out var problems);
                if (row is null)
                {
                    errors.Add(new ImportError(line, problems!));
                }
                else
                {
                    rows.Add(row);
                }
            }
        }
        catch (CsvFormatException e)
        {
            throw new ImportFormatException($"The CSV file cannot be read: {e.Message}");
        }
        return new ParsedStatement(rows, errors, Currency: null);
    }

    private static ImportedRow? ReadRow(
        CsvReader csv, CsvColumns columns, string[] dateFormats, char decimalSeparator, int exponent, int line, out string? problems)
    {
        problems = null;

        var dateText = csv.GetString(columns.Date).AsSpan().Trim();
        DateOnly date = default;
        if (dateText.IsEmpty)
        {
            StatementText.Report(ref problems, $"{columns.NameOf(columns.Date)} is empty.");
        }
        else if (!DateOnly.TryParseExact(dateText, dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            StatementText.Report(ref problems,
                $"{columns.NameOf(columns.Date)} {StatementText.Quote(dateText)} is not a date in the format {string.Join(" or ", dateFormats)}.");
        }

        var amount = ReadAmount(csv, columns, decimalSeparator, exponent, ref problems);

        var payee = ReadText(csv, columns.Payee, columns, ImportedRow.MaxTextLength, ref problems);
        var memo = ReadText(csv, columns.Memo, columns, ImportedRow.MaxTextLength, ref problems);
        var externalId = ReadText(csv, columns.Id, columns, ImportedRow.MaxExternalIdLength, ref problems);

        return problems is null ? new ImportedRow(line, date, amount, payee, memo, externalId) : null;
    }

    private static long ReadAmount(CsvReader csv, CsvColumns columns, char decimalSeparator, int exponent, ref string? problems)
    {
        if (columns.Amount is { } amountColumn)
        {
            return ReadNumber(csv, amountColumn, columns, decimalSeparator, exponent, ref problems) ?? 0;
        }

        var debitColumn = columns.Debit!.Value;
        var creditColumn = columns.Credit!.Value;
        var debitEmpty = csv.GetString(debitColumn).AsSpan().Trim().IsEmpty;
        var creditEmpty = csv.GetString(creditColumn).AsSpan().Trim().IsEmpty;
        if (debitEmpty && creditEmpty)
        {
            StatementText.Report(ref problems,
                $"{columns.NameOf(debitColumn)} and {columns.NameOf(creditColumn)} are both empty; one of them must have the amount.");
            return 0;
        }
        // Banks differ on whether a debit is written "12.34" or "-12.34"; the column, not the sign, says it is money out.
        var debit = debitEmpty ? 0 : ReadNumber(csv, debitColumn, columns, decimalSeparator, exponent, ref problems);
        var credit = creditEmpty ? 0 : ReadNumber(csv, creditColumn, columns, decimalSeparator, exponent, ref problems);
        if (debit is null || credit is null)
        {
            return 0;
        }
        if (debit != 0 && credit != 0)
        {
            StatementText.Report(ref problems,
                $"{columns.NameOf(debitColumn)} and {columns.NameOf(creditColumn)} both have an amount; only one of them may.");
            return 0;
        }
        return Math.Abs(credit.Value) - Math.Abs(debit.Value);
    }

    private static long? ReadNumber(
        CsvReader csv, int column, CsvColumns columns, char decimalSeparator, int exponent, ref string? problems)
    {
        var text = csv.GetString(column).AsSpan().Trim();
        if (DecimalAmount.TryParseMinorUnits(text, exponent, decimalSeparator, out var value, out var error))
        {
            return value;
        }
        StatementText.Report(ref problems,
            text.IsEmpty ? $"{columns.NameOf(column)} is empty." : $"{columns.NameOf(column)} {StatementText.Quote(text)} {error}.");
        return null;
    }

    private static string? ReadText(CsvReader csv, int? column, CsvColumns columns, int maxLength, ref string? problems) =>
        column is { } index ? StatementText.Clean(csv.GetString(index), maxLength, columns.NameOf(index), ref problems) : null;

    /// <summary>A row of nothing but separators and spaces (",,,") is a blank line to a person, so it is skipped too.</summary>
    private static bool IsBlank(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            foreach (var b in csv.GetSpan(i))
            {
                if (b is not ((byte)' ' or (byte)'\t'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Reads up to the header line, skipping blank lines and an Excel "sep=;" line (whose separator it returns).
    /// The header is read here, not by the CSV reader, so that the separator can be chosen from it.
    /// </summary>
    private static (string Header, int LinesBefore, char? SeparatorHint) ReadHeaderLine(TextReader input)
    {
        var linesBefore = 0;
        char? hint = null;
        while (input.ReadLine() is { } line)
        {
            line = line.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line))
            {
                linesBefore++;
                continue;
            }
            if (hint is null && line.Length == 5 && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
            {
                hint = line[4];
                linesBefore++;
                continue;
            }
            return (line, linesBefore, hint);
        }
        throw new ImportFormatException("The CSV file is empty; it needs a header row naming its columns.");
    }

    /// <summary>The candidate that occurs most often in the header outside quotes; a comma when none does.</summary>
    private static char DetectSeparator(string header)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in header)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: commas++; break;
                case ';' when !quoted: semicolons++; break;
                case '\t' when !quoted: tabs++; break;
            }
        }
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static void CheckOptions(CsvImportOptions options)
    {
        if (options.DecimalSeparator is not ('.' or ','))
        {
            throw new ImportFormatException("The decimal separator must be '.' or ','.");
        }
        if (options.Delimiter is { } d && !(d == '\t' || (d is > ' ' and < '\x7f' && !char.IsAsciiLetterOrDigit(d) && d != '"')))
        {
            throw new ImportFormatException("The delimiter must be a tab or an ASCII punctuation character other than '\"'.");
        }
        if (options.DateFormat is not null && string.IsNullOrWhiteSpace(options.DateFormat))
        {
            throw new ImportFormatException("The date format must not be empty.");
        }
    }
}
