using System.Diagnostics;
using System.Globalization;
using System.Text;
using BudgetBuddy.Api.Imports;

namespace BudgetBuddy.UnitTests.Imports;

public sealed class OfxStatementParserTests
{
    private static ParsedStatement Parse(string ofx, int exponent = 2) =>
        OfxStatementParser.Parse(new StringReader(ofx), exponent);

    /// <summary>A minimal 1.x file around the given transactions, for tests about one field.</summary>
    private static string Statement(string transactions, string currency = "USD") => $"""
        OFXHEADER:100
        DATA:OFXSGML

        <OFX>
        <BANKMSGSRSV1>
        <STMTTRNRS>
        <STMTRS>
        <CURDEF>{currency}
        <BANKTRANLIST>
        {transactions}
        </BANKTRANLIST>
        </STMTRS>
        </STMTTRNRS>
        </BANKMSGSRSV1>
        </OFX>
        """;

    [Fact]
    public void An_sgml_file_with_bank_and_credit_card_statements_yields_every_transaction_in_order()
    {
        var parsed = Parse(OfxSamples.Sgml);

        Assert.Empty(parsed.Errors);
        Assert.Equal("USD", parsed.Currency);
        Assert.Equal(
            [
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 1), new DateOnly(2024, 1, 5), -1234,
                    "JOE'S COFFEE & BAGELS", "POS PURCHASE <CARD 1234>", "202401050001"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 2), new DateOnly(2024, 1, 15), 250000,
                    "ACME PAYROLL", null, "202401150002"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 3), new DateOnly(2024, 1, 20), -8999,
                    "City Power & Light", "Bill pay", "202401200003"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 4), new DateOnly(2024, 1, 25), -4000,
                    null, null, "202401250004"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 5), new DateOnly(2024, 1, 31), -500,
                    "MONTHLY FEE", null, "202401310005"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 6), new DateOnly(2024, 1, 10), -4510,
                    "GROCERY OUTLET #12", "Card ending 1111", "CC0001"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Sgml, "<STMTTRN>", 7), new DateOnly(2024, 1, 28), 30000,
                    "PAYMENT - THANK YOU", null, "CC0002"),
            ],
            parsed.Rows);
    }

    [Fact]
    public void Line_numbers_count_the_header_block_from_one()
    {
        var first = Parse(OfxSamples.Sgml).Rows[0];

        // Header block of 9 lines, a blank line, then <OFX> on line 11; the first <STMTTRN> follows the account.
        Assert.Equal(44, first.Line);
    }

    [Fact]
    public void An_sgml_file_on_a_single_line_is_read()
    {
        var parsed = Parse(OfxSamples.SgmlOneLine);

        Assert.Empty(parsed.Errors);
        Assert.Equal("EUR", parsed.Currency);
        Assert.Equal(
            [
                new ImportedRow(11, new DateOnly(2024, 1, 3), -1999, "Buchhandlung", "Karte", "A1"),
                new ImportedRow(11, new DateOnly(2024, 1, 4), 10000, "Erstattung", null, "A2"),
            ],
            parsed.Rows);
    }

    [Fact]
    public void An_sgml_file_that_closes_its_leaf_elements_is_read()
    {
        var parsed = Parse(OfxSamples.SgmlClosedLeaves);

        Assert.Equal("CAD", parsed.Currency);
        Assert.Equal(new ImportedRow(9, new DateOnly(2024, 3, 1), -725, "Transit", null, "X1"), Assert.Single(parsed.Rows));
    }

    [Fact]
    public void An_xml_file_of_ofx_2_is_read()
    {
        var parsed = Parse(OfxSamples.Xml);

        Assert.Empty(parsed.Errors);
        Assert.Equal("GBP", parsed.Currency);
        Assert.Equal(
            [
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Xml, "<STMTTRN>", 1), new DateOnly(2024, 1, 12), -2350,
                    "Café \u201CRoma\u201D", "Contactless", "9001"),
                new ImportedRow(OfxSamples.LineOf(OfxSamples.Xml, "<STMTTRN>", 2), new DateOnly(2024, 1, 20), 1500,
                    "Refund", null, "9002"),
            ],
            parsed.Rows);
    }

    [Fact]
    public void Entities_are_decoded_and_a_bare_ampersand_is_kept()
    {
        var parsed = Parse(Statement("""
            <STMTTRN>
            <DTPOSTED>20240105
            <TRNAMT>-1.00
            <NAME>AT&T &amp; Co &lt;1&gt; &#38; &#x41;&#66; &quot;x&quot; &bogus; &#xZZ;
            </STMTTRN>
            """));

        Assert.Equal("AT&T & Co <1> & AB \"x\" &bogus; &#xZZ;", Assert.Single(parsed.Rows).Payee);
    }

    [Fact]
    public void Cdata_sections_in_an_xml_file_are_read_as_text_as_they_stand()
    {
        var parsed = Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <?OFX OFXHEADER="200" VERSION="200" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
            <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>AUD</CURDEF>
            <BANKTRANLIST>
              <STMTTRN>
                <DTPOSTED>20240105</DTPOSTED><TRNAMT>-4.20</TRNAMT><FITID>A1</FITID>
                <NAME><![CDATA[WOOLWORTHS 1234 <SYDNEY> & CO]]></NAME>
                <MEMO><![CDATA[Card xx1234 ]] ref &amp; 9]]></MEMO>
              </STMTTRN>
              <STMTTRN>
                <DTPOSTED>20240106</DTPOSTED><TRNAMT>-1.00</TRNAMT><FITID>A2</FITID>
                <NAME>Tim &amp; <![CDATA[Tam's]]> shop</NAME>
                <MEMO><![CDATA[]]></MEMO>
              </STMTTRN>
            </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
            """);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["WOOLWORTHS 1234 <SYDNEY> & CO", "Tim & Tam's shop"], parsed.Rows.Select(r => r.Payee));
        Assert.Equal(["Card xx1234 ]] ref &amp; 9", null], parsed.Rows.Select(r => r.Memo));
    }

    [Fact]
    public void Cdata_sections_in_an_sgml_file_are_read_as_text_up_to_the_next_tag()
    {
        var parsed = Parse(Statement("""
            <STMTTRN><DTPOSTED>20240105<TRNAMT>-4.20<FITID>B1<NAME><![CDATA[BP <CONNECT> PARRAMATTA]]><MEMO><![CDATA[EFTPOS > 12:01]]></STMTTRN>
            <STMTTRN>
            <DTPOSTED>20240106
            <TRNAMT>-1.00
            <NAME>  <![CDATA[COLES 0457]]>
            <MEMO><![CDATA[<b>big</b> & bold]]> tail
            """));

        Assert.Empty(parsed.Errors);
        Assert.Equal(["BP <CONNECT> PARRAMATTA", "COLES 0457"], parsed.Rows.Select(r => r.Payee));
        Assert.Equal("EFTPOS > 12:01", parsed.Rows[0].Memo);
        Assert.Equal("<b>big</b> & bold tail", parsed.Rows[1].Memo);
    }

    [Fact]
    public void A_cdata_section_outside_any_value_is_skipped_whole()
    {
        var parsed = Parse(Statement("""
            <![CDATA[<STMTTRN><DTPOSTED>20240101<TRNAMT>-9.99<NAME>not a transaction>]]>
            <STMTTRN><DTPOSTED>20240105<TRNAMT>-1.00<NAME>Real</STMTTRN>
            """));

        Assert.Equal("Real", Assert.Single(parsed.Rows).Payee);
    }

    [Theory]
    [InlineData("20240105")]
    [InlineData("20240105120000")]
    [InlineData("20240105120000.000")]
    [InlineData("20240105235959.999[-5:EST]")]
    [InlineData("20240105000000[+1]")]
    [InlineData("20240105000000[-3.30:NST]")]
    [InlineData("20240105235959[+14:LINT]")]
    [InlineData("202401051200")]
    public void Posting_dates_keep_the_date_as_written_whatever_the_time_and_zone(string posted)
    {
        var row = Assert.Single(Parse(Statement($"<STMTTRN><DTPOSTED>{posted}<TRNAMT>1</STMTTRN>")).Rows);
        Assert.Equal(new DateOnly(2024, 1, 5), row.Date);
    }

    [Theory]
    [InlineData("2024-01-05")]
    [InlineData("20241305")]
    [InlineData("2024010")]
    [InlineData("20240105T1200")]
    [InlineData("20240105120000[-5:EST")]
    public void Malformed_posting_dates_are_row_errors(string posted)
    {
        var error = Assert.Single(Parse(Statement($"<STMTTRN><DTPOSTED>{posted}<TRNAMT>1</STMTTRN>")).Errors);
        Assert.StartsWith($"DTPOSTED '{posted}' is not an OFX date", error.Message);
    }

    [Fact]
    public void A_transaction_without_trnamt_is_an_error_at_the_line_of_its_stmttrn_and_the_others_still_import()
    {
        var ofx = Statement("""
            <STMTTRN>
            <TRNTYPE>DEBIT
            <DTPOSTED>20240105
            <TRNAMT>-1.00
            <FITID>1
            </STMTTRN>
            <STMTTRN>
            <TRNTYPE>DEBIT
            <DTPOSTED>20240106
            <FITID>2
            </STMTTRN>
            <STMTTRN>
            <TRNTYPE>DEBIT
            <FITID>3
            </STMTTRN>
            <STMTTRN>
            <DTPOSTED>20240107
            <TRNAMT>-3.00
            <FITID>4
            </STMTTRN>
            """);

        var parsed = Parse(ofx);

        Assert.Equal(["1", "4"], parsed.Rows.Select(r => r.ExternalId));
        Assert.Equal(
            [
                new ImportError(OfxSamples.LineOf(ofx, "<STMTTRN>", 2), "TRNAMT is missing."),
                new ImportError(OfxSamples.LineOf(ofx, "<STMTTRN>", 3), "DTPOSTED is missing. TRNAMT is missing."),
            ],
            parsed.Errors);
        Assert.Equal(16, parsed.Errors[0].Line);
    }

    [Fact]
    public void Amounts_that_break_the_currency_rules_are_row_errors()
    {
        var parsed = Parse(Statement("""
            <STMTTRN><DTPOSTED>20240105<TRNAMT>-1.234<FITID>1</STMTTRN>
            <STMTTRN><DTPOSTED>20240105<TRNAMT>lots<FITID>2</STMTTRN>
            """));

        Assert.Equal(
            ["TRNAMT '-1.234' has more decimal places than the currency allows (2).", "TRNAMT 'lots' is not an amount."],
            parsed.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("-12.34", -1234)]
    [InlineData("-12,34", -1234)]
    [InlineData("+12.3", 1230)]
    [InlineData("1,234.56", 123456)]
    [InlineData("1.234,56", 123456)]
    [InlineData("1.234.567", 123456700)]
    [InlineData(".5", 50)]
    public void Trnamt_takes_a_decimal_point_or_comma_when_unambiguous(string amount, long expected)
    {
        var row = Assert.Single(Parse(Statement($"<STMTTRN><DTPOSTED>20240105<TRNAMT>{amount}</STMTTRN>")).Rows);
        Assert.Equal(expected, row.Amount);
    }

    [Fact]
    public void The_currency_exponent_scales_trnamt()
    {
        var ofx = Statement("<STMTTRN><DTPOSTED>20240105<TRNAMT>-1500.00</STMTTRN><STMTTRN><DTPOSTED>20240105<TRNAMT>2.125</STMTTRN>", "JPY");

        Assert.Equal([-1500L], Parse(ofx, exponent: 0).Rows.Select(r => r.Amount));
        Assert.Equal([-1_500_000L, 2125L], Parse(ofx, exponent: 3).Rows.Select(r => r.Amount));
    }

    [Fact]
    public void Name_in_the_transaction_wins_over_the_payee_aggregate_which_is_used_otherwise()
    {
        var parsed = Parse(Statement("""
            <STMTTRN><DTPOSTED>20240105<TRNAMT>-1<NAME>Short name<PAYEE><NAME>Long Payee Name<CITY>X</PAYEE></STMTTRN>
            <STMTTRN><DTPOSTED>20240105<TRNAMT>-1<PAYEE><NAME>Only Payee</PAYEE><MEMO>m</STMTTRN>
            """));

        Assert.Equal(["Short name", "Only Payee"], parsed.Rows.Select(r => r.Payee));
        Assert.Equal("m", parsed.Rows[1].Memo);
    }

    [Fact]
    public void Transactions_outside_a_bank_transaction_list_are_ignored()
    {
        var parsed = Parse("""
            <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD
            <STMTTRN><DTPOSTED>20240101<TRNAMT>-9</STMTTRN>
            <BANKTRANLIST><STMTTRN><DTPOSTED>20240102<TRNAMT>-1</STMTTRN></BANKTRANLIST>
            </STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
            """);

        Assert.Equal(-100, Assert.Single(parsed.Rows).Amount);
    }

    [Fact]
    public void A_statement_with_no_transactions_is_empty_not_an_error()
    {
        var parsed = Parse(Statement(""));

        Assert.Empty(parsed.Rows);
        Assert.Empty(parsed.Errors);
        Assert.Equal("USD", parsed.Currency);
    }

    [Fact]
    public void Carriage_return_line_endings_count_as_lines()
    {
        var ofx = Statement("<STMTTRN><DTPOSTED>20240105<TRNAMT>1</STMTTRN>\n<STMTTRN><DTPOSTED>20240105<TRNAMT>2</STMTTRN>");

        Assert.Equal(
            Parse(ofx).Rows.Select(r => r.Line),
            Parse(ofx.ReplaceLineEndings("\r\n")).Rows.Select(r => r.Line));
        Assert.Equal(
            Parse(ofx).Rows.Select(r => r.Line),
            Parse(ofx.ReplaceLineEndings("\r")).Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("date,amount\n2024-01-05,1\n")]
    [InlineData("<?xml version=\"1.0\"?><html><body>Not here</body></html>")]
    [InlineData("OFXHEADER:100\nDATA:OFXSGML\n")]
    [InlineData("<OFXHEADER>")]
    public void A_file_that_is_not_ofx_is_a_format_error(string text)
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse(text));
        Assert.Equal("The file is not an OFX or QFX file: it has no <OFX> element.", e.Message);
    }

    [Fact]
    public void An_ofx_file_without_a_statement_is_a_format_error()
    {
        var e = Assert.Throws<ImportFormatException>(() => Parse("""
            OFXHEADER:100

            <OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>15500<SEVERITY>ERROR<MESSAGE>Signon invalid</STATUS></SONRS></SIGNONMSGSRSV1></OFX>
            """));
        Assert.Contains("no bank or credit card statement", e.Message);
    }

    [Fact]
    public void A_file_cut_off_mid_transaction_still_yields_what_came_before()
    {
        var ofx = Statement("<STMTTRN><DTPOSTED>20240105<TRNAMT>-1<FITID>1</STMTTRN>");
        var cut = ofx[..ofx.IndexOf("</BANKTRANLIST>", StringComparison.Ordinal)] + "<STMTTRN><DTPOSTED>20240106<TRNAMT>-2<FIT";

        var parsed = Parse(cut);

        Assert.Equal(["1", null], parsed.Rows.Select(r => r.ExternalId));
    }

    [Fact]
    public void A_memo_longer_than_200_characters_is_a_row_error()
    {
        var error = Assert.Single(Parse(Statement($"<STMTTRN><DTPOSTED>20240105<TRNAMT>1<MEMO>{new string('m', 201)}</STMTTRN>")).Errors);
        Assert.Equal("MEMO is longer than 200 characters.", error.Message);
    }

    [Fact]
    public void Ten_thousand_transactions_parse_well_under_a_second()
    {
        var transactions = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            transactions.Append(CultureInfo.InvariantCulture,
                $"<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20240105120000[-5:EST]\n<TRNAMT>-{i}.25\n<FITID>{i}\n<NAME>Payee {i}\n<MEMO>Memo &amp; more\n</STMTTRN>\n");
        }
        var ofx = Statement(transactions.ToString());
        Parse(Statement("<STMTTRN><DTPOSTED>20240105<TRNAMT>1</STMTTRN>"));

        var watch = Stopwatch.StartNew();
        var parsed = Parse(ofx);
        watch.Stop();

        Assert.Equal(10_000, parsed.Rows.Count);
        Assert.Empty(parsed.Errors);
        Assert.Equal(OfxSamples.LineOf(ofx, "<STMTTRN>", 10_000), parsed.Rows[^1].Line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }
}
