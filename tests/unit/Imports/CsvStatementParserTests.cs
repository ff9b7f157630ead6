using System.Diagnostics;
using System.Globalization;
using System.Text;
using BudgetBuddy.Api.Imports;

namespace BudgetBuddy.UnitTests.Imports;

public sealed class CsvStatementParserTests
{
    private static ParsedStatement Parse(string csv, CsvImportOptions? options = null, int exponent = 2) =>
        CsvStatementParser.Parse(new StringReader(csv), options ?? new CsvImportOptions(), exponent);

    [Fact]
    public void Rows_with_the_default_columns_import_in_file_order()
    {
        var parsed = Parse("""
            date,payee,amount,memo
            2024-01-05,Joe's Coffee,-3.50,latte
            2024-01-06,Employer Inc,2500.00,
            """);

        Assert.Empty(parsed.Errors);
        Assert.Null(parsed.Currency);
        Assert.Equal(
            [
                new ImportedRow(2, new DateOnly(2024, 1, 5), -350, "Joe's Coffee", "latte", null),
                new ImportedRow(3, new DateOnly(2024, 1, 6), 250000, "Employer Inc", null, null),
            ],
            parsed.Rows);
    }

    [Fact]
    public void Column_names_match_ignoring_case_and_surrounding_spaces_and_optional_columns_may_be_absent()
    {
        var parsed = Parse(" Date , AMOUNT \n2024-01-05,12.00\n");

        var row = Assert.Single(parsed.Rows);
        Assert.Equal(new ImportedRow(2, new DateOnly(2024, 1, 5), 1200, null, null, null), row);
    }

    [Fact]
    public void Payee_and_memo_are_trimmed_and_blank_ones_are_null()
    {
        var parsed = Parse("date,amount,payee,memo\n2024-01-05,1,\"  Corner Shop  \",\"   \"\n");

        var row = Assert.Single(parsed.Rows);
        Assert.Equal("Corner Shop", row.Payee);
        Assert.Null(row.Memo);
    }

    [Fact]
    public void Slashed_iso_dates_are_accepted_by_default()
    {
        var row = Assert.Single(Parse("date,amount\n2024/02/29,1\n").Rows);
        Assert.Equal(new DateOnly(2024, 2, 29), row.Date);
    }

    [Fact]
    public void A_debit_column_value_becomes_a_negative_amount()
    {
        var parsed = Parse("date,payee,debit,credit\n2024-01-05,Grocer,12.34,\n");

        Assert.Equal(-1234, Assert.Single(parsed.Rows).Amount);
    }

    [Fact]
    public void A_credit_column_value_becomes_a_positive_amount()
    {
        var parsed = Parse("date,payee,debit,credit\n2024-01-05,Refund,,7.50\n2024-01-06,Zero,0.00,7.50\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal([750L, 750L], parsed.Rows.Select(r => r.Amount));
    }

    [Fact]
    public void A_debit_written_with_a_minus_sign_is_still_money_out()
    {
        Assert.Equal(-1234, Assert.Single(Parse("date,debit,credit\n2024-01-05,-12.34,\n").Rows).Amount);
    }

    [Fact]
    public void Debit_and_credit_both_empty_or_both_set_are_row_errors()
    {
        var parsed = Parse("Date,Debit,Credit\n2024-01-05,,\n2024-01-06,1.00,2.00\n2024-01-07,3.00,\n");

        Assert.Equal(-300, Assert.Single(parsed.Rows).Amount);
        Assert.Equal(
            [
                new ImportError(2, "Debit and Credit are both empty; one of them must have the amount."),
                new ImportError(3, "Debit and Credit both have an amount; only one of them may."),
            ],
            parsed.Errors);
    }

    [Fact]
    public void A_file_with_only_a_debit_column_needs_an_amount_column()
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse("date,debit\n2024-01-05,1\n"));
        Assert.Contains("'amount' (or both 'debit' and 'credit')", e.Message);
    }

    [Fact]
    public void Custom_column_names_and_date_format_are_honoured()
    {
        var options = new CsvImportOptions
        {
            DateColumn = "Booking Date",
            AmountColumn = "Value",
            PayeeColumn = "Counterparty",
            MemoColumn = "Reference",
            IdColumn = "Transaction ID",
            DateFormat = "dd/MM/yyyy",
        };

        var parsed = Parse("""
            Transaction ID,Booking Date,Counterparty,Reference,Value
            TX-1,31/12/2023,Landlord,Rent January,-950.00
            """, options);

        Assert.Empty(parsed.Errors);
        Assert.Equal(new ImportedRow(2, new DateOnly(2023, 12, 31), -95000, "Landlord", "Rent January", "TX-1"), Assert.Single(parsed.Rows));
    }

    [Fact]
    public void A_configured_id_column_that_is_absent_is_a_format_error()
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse("date,amount\n2024-01-05,1\n", new CsvImportOptions { IdColumn = "ref" }));
        Assert.Contains("'ref'", e.Message);
    }

    [Fact]
    public void Without_an_id_column_the_external_id_is_null()
    {
        Assert.Null(Assert.Single(Parse("date,amount,id\n2024-01-05,1,abc\n").Rows).ExternalId);
    }

    [Fact]
    public void A_semicolon_file_with_decimal_commas_is_detected_and_read()
    {
        var options = new CsvImportOptions { DecimalSeparator = ',', DateFormat = "dd.MM.yyyy" };

        var parsed = Parse("""
            Date;Payee;Amount
            05.01.2024;Bäckerei Müller;-1.234,56
            06.01.2024;"Gehalt; Januar";2 500,00
            """, options);

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [
                new ImportedRow(2, new DateOnly(2024, 1, 5), -123456, "Bäckerei Müller", null, null),
                new ImportedRow(3, new DateOnly(2024, 1, 6), 250000, "Gehalt; Januar", null, null),
            ],
            parsed.Rows);
    }

    [Fact]
    public void A_tab_separated_file_is_detected()
    {
        var row = Assert.Single(Parse("date\tpayee\tamount\n2024-01-05\tShop, Inc.\t-1,000.00\n").Rows);
        Assert.Equal("Shop, Inc.", row.Payee);
        Assert.Equal(-100000, row.Amount);
    }

    [Fact]
    public void An_explicit_delimiter_overrides_detection()
    {
        // The header alone would suggest ';', but the caller knows better.
        var parsed = Parse("date,amount;x;y\n2024-01-05,1\n", new CsvImportOptions { Delimiter = ',', AmountColumn = "amount;x;y" });
        Assert.Equal(100, Assert.Single(parsed.Rows).Amount);
    }

    [Fact]
    public void An_excel_separator_line_is_honoured_and_counted_as_a_line()
    {
        var row = Assert.Single(Parse("sep=;\ndate;amount\n2024-01-05;1.50\n").Rows);
        Assert.Equal(3, row.Line);
        Assert.Equal(150, row.Amount);
    }

    [Fact]
    public void Quoted_fields_with_line_breaks_are_one_row_numbered_by_their_first_line()
    {
        var parsed = Parse(
            "date,payee,amount,memo\n" +
            "2024-01-05,\"Hardware, Tools & Co\",-20.00,\"first line\nsecond line\nthird line\"\n" +
            "2024-01-06,Next,-1.00,\n" +
            "bad-date,Broken,-1.00,\"also\nspans\"\n" +
            "2024-01-07,Last,-2.00,\n");

        Assert.Equal([2, 5, 8], parsed.Rows.Select(r => r.Line));
        Assert.Equal("Hardware, Tools & Co", parsed.Rows[0].Payee);
        Assert.Equal("first line\nsecond line\nthird line", parsed.Rows[0].Memo);
        Assert.Equal(6, Assert.Single(parsed.Errors).Line);
    }

    [Fact]
    public void Empty_lines_crlf_and_a_byte_order_mark_are_fine_and_lines_still_count()
    {
        var parsed = Parse("\uFEFF\r\ndate,amount\r\n\r\n2024-01-05,1\r\n,\r\n   \r\n2024-01-06,2\r\n\r\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal([(4, 100L), (7, 200L)], parsed.Rows.Select(r => (r.Line, r.Amount)));
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_first_column()
    {
        var row = Assert.Single(Parse("\uFEFFdate,amount\n2024-01-05,1\n").Rows);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_the_good_rows_still_import()
    {
        var parsed = Parse("""
            date,payee,amount
            2024-01-05,Good one,-1.00
            2024-13-45,Bad date,-2.00
            2024-01-06,Bad amount,twelve
            2024-01-07,Too precise,1.234
            ,Empty date,
            2024-01-08,Good two,3.00
            """);

        Assert.Equal([(2, -100L), (7, 300L)], parsed.Rows.Select(r => (r.Line, r.Amount)));
        Assert.Equal(
            [
                new ImportError(3, "date '2024-13-45' is not a date in the format yyyy-MM-dd or yyyy/MM/dd."),
                new ImportError(4, "amount 'twelve' is not an amount."),
                new ImportError(5, "amount '1.234' has more decimal places than the currency allows (2)."),
                new ImportError(6, "date is empty. amount is empty."),
            ],
            parsed.Errors);
    }

    [Fact]
    public void Values_quoted_in_errors_are_clipped_to_forty_characters()
    {
        var longValue = new string('x', 100);
        var error = Assert.Single(Parse($"date,amount\n{longValue},1\n").Errors);

        Assert.Equal($"date '{new string('x', 40)}…' is not a date in the format yyyy-MM-dd or yyyy/MM/dd.", error.Message);
    }

    [Fact]
    public void A_payee_longer_than_200_characters_is_a_row_error_not_a_truncation()
    {
        var parsed = Parse($"date,amount,Payee\n2024-01-05,1,{new string('p', 201)}\n2024-01-06,1,{new string('p', 200)}\n");

        Assert.Equal(new ImportError(2, "Payee is longer than 200 characters."), Assert.Single(parsed.Errors));
        Assert.Equal(200, Assert.Single(parsed.Rows).Payee!.Length);
    }

    [Fact]
    public void Amounts_beyond_the_bound_are_row_errors()
    {
        var error = Assert.Single(Parse("date,amount\n2024-01-05,99999999999999999\n", exponent: 0).Errors);
        Assert.Equal("amount '99999999999999999' is out of range (more than 10^15 minor units).", error.Message);
    }

    [Fact]
    public void The_exponent_decides_the_minor_units()
    {
        var csv = "date,amount\n2024-01-05,1500\n2024-01-06,1.5\n";

        Assert.Equal([1500L], Parse(csv, exponent: 0).Rows.Select(r => r.Amount));
        Assert.Equal([1_500_000L, 1_500L], Parse(csv, exponent: 3).Rows.Select(r => r.Amount));
    }

    [Fact]
    public void Currency_symbols_and_parentheses_in_amounts_are_understood()
    {
        var parsed = Parse("date,amount\n2024-01-05,\"($1,234.56)\"\n2024-01-06,12.00 USD\n");
        Assert.Equal([-123456L, 1200L], parsed.Rows.Select(r => r.Amount));
    }

    [Fact]
    public void A_missing_required_column_is_a_format_error_naming_the_columns_found()
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse("Datum,Betrag,Verwendungszweck\n05.01.2024,1\n"));

        Assert.Equal(
            "The CSV header row has no column 'date', no column 'amount' (or both 'debit' and 'credit'). " +
            "Columns found: 'Datum', 'Betrag', 'Verwendungszweck'.",
            e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void A_file_without_a_header_row_is_a_format_error(string csv)
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse(csv));
        Assert.Contains("header row", e.Message);
    }

    [Fact]
    public void A_header_without_rows_is_an_empty_statement()
    {
        var parsed = Parse("date,amount\n");
        Assert.Empty(parsed.Rows);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void A_quote_that_never_closes_is_reported_once_at_its_line()
    {
        var parsed = Parse("date,payee,amount\n2024-01-05,ok,1\n2024-01-06,\"unclosed,2\n2024-01-07,lost,3\n");

        Assert.Single(parsed.Rows);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void A_stray_quote_inside_a_field_is_kept_as_text()
    {
        var row = Assert.Single(Parse("date,payee,amount\n2024-01-05,27\" Monitor,1\n").Rows);
        Assert.Equal("27\" Monitor", row.Payee);
    }

    [Fact]
    public void Unusable_options_are_format_errors()
    {
        Assert.Throws<ImportFormatException>(() => Parse("date,amount\n", new CsvImportOptions { DecimalSeparator = ';' }));
        Assert.Throws<ImportFormatException>(() => Parse("date,amount\n", new CsvImportOptions { Delimiter = '"' }));
    }

    [Fact]
    public void Ten_thousand_rows_parse_well_under_a_second()
    {
        var csv = new StringBuilder("date,payee,amount,memo\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append("2024-01-").Append((i % 28 + 1).ToString("00", CultureInfo.InvariantCulture))
                .Append(",\"Payee ").Append(i).Append("\",-").Append(i).Append(".99,memo\n");
        }
        Parse("date,amount\n2024-01-01,1\n");

        var watch = Stopwatch.StartNew();
        var parsed = Parse(csv.ToString());
        watch.Stop();

        Assert.Equal(10_000, parsed.Rows.Count);
        Assert.Equal(10_001, parsed.Rows[^1].Line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }
}
