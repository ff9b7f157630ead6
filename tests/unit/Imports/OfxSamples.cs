namespace BudgetBuddy.UnitTests.Imports;

/// <summary>Statement files shaped like those banks send, kept as text so each test reads its input in place.</summary>
internal static class OfxSamples
{
    /// <summary>
    /// OFX 1.0.2 SGML: header block, unclosed leaf elements, a checking statement and a credit card statement in one
    /// file, a PAYEE aggregate, entities, zone suffixes, and a transaction without its &lt;/STMTTRN&gt;.
    /// </summary>
    public const string Sgml = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102
        SECURITY:NONE
        ENCODING:USASCII
        CHARSET:1252
        COMPRESSION:NONE
        OLDFILEUID:NONE
        NEWFILEUID:NONE

        <OFX>
        <SIGNONMSGSRSV1>
        <SONRS>
        <STATUS>
        <CODE>0
        <SEVERITY>INFO
        </STATUS>
        <DTSERVER>20240201083015.123[-5:EST]
        <LANGUAGE>ENG
        <FI>
        <ORG>First Example Bank
        <FID>10898
        </FI>
        <INTU.BID>10898
        </SONRS>
        </SIGNONMSGSRSV1>
        <BANKMSGSRSV1>
        <STMTTRNRS>
        <TRNUID>1001
        <STATUS>
        <CODE>0
        <SEVERITY>INFO
        </STATUS>
        <STMTRS>
        <CURDEF>USD
        <BANKACCTFROM>
        <BANKID>121000248
        <ACCTID>4567890123
        <ACCTTYPE>CHECKING
        </BANKACCTFROM>
        <BANKTRANLIST>
        <DTSTART>20240101120000[-5:EST]
        <DTEND>20240131120000[-5:EST]
        <STMTTRN>
        <TRNTYPE>DEBIT
        <DTPOSTED>20240105120000[-5:EST]
        <DTUSER>20240104
        <TRNAMT>-12.34
        <FITID>202401050001
        <NAME>JOE'S COFFEE &amp; BAGELS
        <MEMO>POS PURCHASE &lt;CARD 1234&gt;
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20240115
        <TRNAMT>2500.00
        <FITID>202401150002
        <NAME>ACME PAYROLL
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>PAYMENT
        <DTPOSTED>20240120000000.000[+1:CET]
        <TRNAMT>-89.99
        <FITID>202401200003
        <PAYEE>
        <NAME>City Power &#38; Light
        <ADDR1>1 Main St
        <CITY>Springfield
        <STATE>IL
        <POSTALCODE>62701
        <PHONE>555-0100
        </PAYEE>
        <MEMO>Bill pay
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CHECK
        <DTPOSTED>20240125
        <TRNAMT>-40.00
        <FITID>202401250004
        <CHECKNUM>1042
        <STMTTRN>
        <TRNTYPE>FEE
        <DTPOSTED>20240131
        <TRNAMT>-5.00
        <FITID>202401310005
        <NAME>MONTHLY FEE
        </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL>
        <BALAMT>1234.56
        <DTASOF>20240131
        </LEDGERBAL>
        </STMTRS>
        </STMTTRNRS>
        </BANKMSGSRSV1>
        <CREDITCARDMSGSRSV1>
        <CCSTMTTRNRS>
        <TRNUID>1002
        <STATUS>
        <CODE>0
        <SEVERITY>INFO
        </STATUS>
        <CCSTMTRS>
        <CURDEF>USD
        <CCACCTFROM>
        <ACCTID>4111111111111111
        </CCACCTFROM>
        <BANKTRANLIST>
        <DTSTART>20240101
        <DTEND>20240131
        <STMTTRN>
        <TRNTYPE>DEBIT
        <DTPOSTED>20240110
        <TRNAMT>-45.10
        <FITID>CC0001
        <NAME>GROCERY OUTLET #12
        <MEMO>Card ending 1111
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20240128
        <TRNAMT>300.00
        <FITID>CC0002
        <NAME>PAYMENT - THANK YOU
        </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL>
        <BALAMT>-45.10
        <DTASOF>20240131
        </LEDGERBAL>
        </CCSTMTRS>
        </CCSTMTTRNRS>
        </CREDITCARDMSGSRSV1>
        </OFX>
        """;

    /// <summary>OFX 1.x as some banks send it: the whole body on one line, leaf elements unclosed.</summary>
    public const string SgmlOneLine =
        "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n" +
        "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n" +
        "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240201<LANGUAGE>ENG</SONRS>" +
        "</SIGNONMSGSRSV1><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>EUR" +
        "<BANKACCTFROM><BANKID>30020900<ACCTID>DE89370400440532013000<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>" +
        "<DTSTART>20240101<DTEND>20240131<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240103<TRNAMT>-19,99<FITID>A1" +
        "<NAME>Buchhandlung<MEMO>Karte</STMTTRN><STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240104<TRNAMT>+100<FITID>A2" +
        "<NAME>Erstattung</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>80.01<DTASOF>20240131</LEDGERBAL></STMTRS>" +
        "</STMTTRNRS></BANKMSGSRSV1></OFX>";

    /// <summary>OFX 1.x from a bank that closes every leaf element, as XML would.</summary>
    public const string SgmlClosedLeaves = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:151

        <OFX>
        <BANKMSGSRSV1><STMTTRNRS><STMTRS>
        <CURDEF>CAD</CURDEF>
        <BANKTRANLIST>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240301</DTPOSTED><TRNAMT>-7.25</TRNAMT><FITID>X1</FITID><NAME>Transit</NAME></STMTTRN>
        </BANKTRANLIST>
        </STMTRS></STMTTRNRS></BANKMSGSRSV1>
        </OFX>
        """;

    /// <summary>OFX 2.2 XML: declaration and OFX processing instruction, indented, every element closed.</summary>
    public const string Xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
        <OFX>
          <SIGNONMSGSRSV1>
            <SONRS>
              <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
              <DTSERVER>20240201120000.000[0:GMT]</DTSERVER>
              <LANGUAGE>ENG</LANGUAGE>
            </SONRS>
          </SIGNONMSGSRSV1>
          <CREDITCARDMSGSRSV1>
            <CCSTMTTRNRS>
              <TRNUID>0</TRNUID>
              <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
              <CCSTMTRS>
                <CURDEF>gbp</CURDEF>
                <CCACCTFROM><ACCTID>5555444433332222</ACCTID></CCACCTFROM>
                <BANKTRANLIST>
                  <DTSTART>20240101</DTSTART>
                  <DTEND>20240131</DTEND>
                  <STMTTRN>
                    <TRNTYPE>DEBIT</TRNTYPE>
                    <DTPOSTED>20240112093000.000[0:GMT]</DTPOSTED>
                    <TRNAMT>-23.50</TRNAMT>
                    <FITID>9001</FITID>
                    <NAME>Caf&#233; &#x201C;Roma&#x201D;</NAME>
                    <MEMO>Contactless</MEMO>
                  </STMTTRN>
                  <!-- a pending transaction the bank annotated -->
                  <STMTTRN>
                    <TRNTYPE>CREDIT</TRNTYPE>
                    <DTPOSTED>20240120</DTPOSTED>
                    <TRNAMT>15.00</TRNAMT>
                    <FITID>9002</FITID>
                    <NAME>Refund</NAME>
                  </STMTTRN>
                </BANKTRANLIST>
                <LEDGERBAL><BALAMT>-8.50</BALAMT><DTASOF>20240131</DTASOF></LEDGERBAL>
              </CCSTMTRS>
            </CCSTMTTRNRS>
          </CREDITCARDMSGSRSV1>
        </OFX>
        """;

    /// <summary>The 1-based line of the <paramref name="occurrence"/>-th (from 1) appearance of <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = text.IndexOf(marker, at + 1, StringComparison.Ordinal);
        }
        Assert.True(at >= 0, $"{marker} #{occurrence} not in sample");
        return text.AsSpan(0, at).Count('\n') + 1;
    }
}
