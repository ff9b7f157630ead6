using System.Net;
using System.Text;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Imports;

public sealed class ImportApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Csv = """
        date,amount,payee,memo
        2026-03-01,-12.34,Coffee Shop,latte
        2026-03-01,-12.34,Coffee Shop,latte
        2026-03-02,2500.00,Employer,salary
        not-a-date,-1.00,Broken,row
        2026-03-03,-7.5,Bakery,
        2026-03-04,-1.234,Too Precise,
        """;

    private const string Ofx = """
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
        <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20260401120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
        <BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
        <STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>123<ACCTID>456<ACCTTYPE>CHECKING</BANKACCTFROM>
        <BANKTRANLIST><DTSTART>20260301<DTEND>20260331
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260305120000[-5:EST]<TRNAMT>-45.10<FITID>FIT-0001<NAME>GROCER &amp; SONS<MEMO>weekly shop</STMTTRN>
        <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260306<TRNAMT>100.00<FITID>FIT-0002<NAME>REFUND</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260307<FITID>FIT-0003<NAME>NO AMOUNT</STMTTRN>
        </BANKTRANLIST><LEDGERBAL><BALAMT>54.90<DTASOF>20260331</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
        </OFX>
        """;

    public Task InitializeAsync() => api.ProvisionAsync("imports");

    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string account, string body, string contentType, string query = "") =>
        client.PostAsync($"/v1/accounts/{account}/import{query}", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task The_same_csv_imported_twice_adds_nothing_the_second_time()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "csv"));
        var account = await ledger.AccountAsync(opening: 0);

        var first = await (await ImportAsync(ledger.Client, account, Csv, "text/csv")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        var errorLines = first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
        Assert.Equal([5, 7], errorLines);
        Assert.Equal(-1234 - 1234 + 250_000 - 750, await ledger.BalanceAsync(account));

        var second = await (await ImportAsync(ledger.Client, account, Csv, "text/csv")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(4, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(4, (await ledger.ListAllAsync($"accountId={account}")).Count);
        Assert.Equal(-1234 - 1234 + 250_000 - 750, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task The_same_ofx_imported_twice_adds_nothing_and_fitids_become_import_ids()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "ofx"));
        var account = await ledger.AccountAsync(opening: 0);

        var first = await (await ImportAsync(ledger.Client, account, Ofx, "application/x-ofx")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, first.GetProperty("imported").GetInt32());
        Assert.Single(first.GetProperty("errors").EnumerateArray());
        var second = await (await ImportAsync(ledger.Client, account, Ofx, "application/octet-stream")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(2, second.GetProperty("duplicates").GetInt32());

        var transactions = await ledger.ListAllAsync($"accountId={account}");
        Assert.Equal(["FIT-0001", "FIT-0002"], transactions.Select(t => t.GetProperty("importId").GetString()).Order());
        Assert.Contains(transactions, t => t.GetProperty("payee").GetString() == "GROCER & SONS");
        Assert.Equal(-4_510 + 10_000, await ledger.BalanceAsync(account));

        // A hand-entered transaction with the bank's id is a duplicate too.
        var problem = await (await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-03-05", amount = -4_510, importId = "FIT-0001" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("existingId").GetString()));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("sgml")]
    public async Task Names_and_memos_in_cdata_sections_are_imported_as_their_text(string version)
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "cdata-" + version));
        var account = await ledger.AccountAsync(opening: 0, currency: "AUD");
        var transaction = version == "xml"
            ? "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260305</DTPOSTED><TRNAMT>-4.20</TRNAMT><FITID>AU-1</FITID><NAME><![CDATA[WOOLWORTHS <1234> & CO]]></NAME><MEMO><![CDATA[EFTPOS 05/03]]></MEMO></STMTTRN>"
            : "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260305<TRNAMT>-4.20<FITID>AU-1<NAME><![CDATA[WOOLWORTHS <1234> & CO]]><MEMO><![CDATA[EFTPOS 05/03]]></STMTTRN>";
        var header = version == "xml"
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"200\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n"
            : "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n";
        var ofx = header + $"<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>AUD</CURDEF><BANKTRANLIST>{transaction}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";

        var first = await (await ImportAsync(ledger.Client, account, ofx, "application/x-ofx")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await ImportAsync(ledger.Client, account, ofx, "application/x-ofx")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, first.GetProperty("imported").GetInt32());
        Assert.Empty(first.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, second.GetProperty("duplicates").GetInt32());
        var imported = Assert.Single(await ledger.ListAllAsync($"accountId={account}"));
        Assert.Equal("WOOLWORTHS <1234> & CO", imported.GetProperty("payee").GetString());
        Assert.Equal("EFTPOS 05/03", imported.GetProperty("memo").GetString());
    }

    [Fact]
    public async Task Other_column_names_date_formats_and_debit_credit_columns_are_mapped_by_query_parameters()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "mapper"));
        var account = await ledger.AccountAsync(opening: 0, currency: "EUR");
        const string bankCsv = "Buchungstag;Betrag Soll;Betrag Haben;Empfänger\n05/03/2026;1.234,50;;Miete\n06/03/2026;;99,99;Erstattung\n";

        var result = await (await ImportAsync(ledger.Client, account, bankCsv, "text/csv",
            "?dateColumn=Buchungstag&debitColumn=Betrag%20Soll&creditColumn=Betrag%20Haben&payeeColumn=Empf%C3%A4nger&dateFormat=dd/MM/yyyy&decimalSeparator=,"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        Assert.Equal(-123_450 + 9_999, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task Concurrent_imports_of_one_file_import_each_line_once()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "twins"));
        var account = await ledger.AccountAsync(opening: 0);
        var lines = string.Join('\n', Enumerable.Range(1, 120).Select(i => $"2026-0{1 + i % 9}-{1 + i % 28:D2},-{i}.00,Shop {i},"));
        var file = "date,amount,payee,memo\n" + lines;

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ImportAsync(ledger.Client, account, file, "text/csv")));

        var bodies = new List<JsonElement>();
        foreach (var r in results)
        {
            bodies.Add(await r.ExpectAsync(HttpStatusCode.OK));
        }
        Assert.Equal(120, bodies.Sum(b => b.GetProperty("imported").GetInt32()));
        Assert.Equal(240, bodies.Sum(b => b.GetProperty("duplicates").GetInt32()));
        Assert.Equal(120, (await ledger.ListAllAsync($"accountId={account}")).Count);
        Assert.Equal(-Enumerable.Range(1, 120).Sum() * 100, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task A_statement_larger_than_an_api_body_is_accepted()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "big"));
        var account = await ledger.AccountAsync(opening: 0);
        var memo = new string('m', 190);
        var payee = new string('p', 180);
        var file = "date,amount,payee,memo\n" + string.Join('\n', Enumerable.Range(0, 3_000).Select(i => $"2026-05-{1 + i % 28:D2},-0.01,{payee}{i},{memo}"));
        Assert.True(Encoding.UTF8.GetByteCount(file) > 1024 * 1024);

        var result = await (await ImportAsync(ledger.Client, account, file, "text/csv")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3_000, result.GetProperty("imported").GetInt32());
        Assert.Equal(-3_000, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task Unreadable_files_and_wrong_currencies_are_400()
    {
        var ledger = new Ledger(await api.ClientAsync("imports", "broken"));
        var euros = await ledger.AccountAsync(opening: 0, currency: "EUR");

        await (await ImportAsync(ledger.Client, euros, "when,howmuch\n2026-01-01,1\n", "text/csv")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var mismatch = await (await ImportAsync(ledger.Client, euros, Ofx, "application/x-ofx")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("USD", mismatch.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await ImportAsync(ledger.Client, euros, Csv, "text/csv", "?decimalSeparator=x")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await ImportAsync(ledger.Client, new string('a', 32), Csv, "text/csv")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
