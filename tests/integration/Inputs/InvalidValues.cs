using System.Text;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// The wrong values the fuzzer draws from: wrong types, nulls, empty and huge strings, control characters, boundary
/// and overflowing numbers, impossible dates and months, forged cursors, ids of the wrong shape, and what Kestrel
/// refuses before the API sees it (an escaped NUL in the path, a request line over 8 KB, headers over 32 KB).
/// </summary>
internal static class InvalidValues
{
    private static readonly string Huge = new('x', 4_000);

    /// <summary>Text for query values (escaped when sent).</summary>
    public static readonly string[] Texts =
    [
        "", " ", "\t", "x", "\u0001\u001f", "\u007f", "\u0085", "é", "💸", "\u202e", "\ufeff", "<script>", "' OR 1=1 --", "../..", "..",
        "%", "%00", "%2F", "null", "true", "[]", "{}", "a b", "a,b", "a;b", "#", "?", Huge, new string('ü', 700),
    ];

    public static readonly string[] Numbers =
    [
        "-1", "0", "-0", "1", "201", "1000", "1001", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e309", "1.5", "NaN", "Infinity", "0x10", "1_000", "١٢", "+1", " 1",
    ];

    public static readonly string[] Dates =
    [
        "2026-02-30", "2026-13-01", "2026-00-10", "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-1-1", "20260301",
        "2026-03-01T00:00:00Z", "2026-03-01T25:00:00Z", "yesterday", "2026-03", "+002026-03-01", "-2026-03-01", "2026-03-01 ", "1/3/2026",
    ];

    public static readonly string[] Months = ["2026-13", "2026-00", "0000-01", "9999-12", "10000-01", "0001-01", "2026-3", "202603", "2026-03-01", "-1", "1899-12", "2026-12 "];

    /// <summary>Path ids of every wrong shape, sent as they are (percent-escapes included).</summary>
    public static readonly string[] PathTexts =
    [
        "%00", "a%00b", new string('a', 9_000),
        "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF", "00000000-0000-0000-0000-000000000000", "x", "-1",
        "9223372036854775808", "null", "%2F", "%2e%2e", "%FF", "%C0%80", "%E9", "%01", "%7F", "a%20b", "é", "💸", new string('a', 300), new string('f', 33),
        "0123456789abcdef0123456789abcde\u00e9",
    ];

    /// <summary>Forged cursors, as their plain text before encoding, and text that is no cursor at all.</summary>
    public static readonly string[] Cursors =
    [
        Encode(""), Encode("v1"), Encode("v1|accounts|"), Encode("v1|accounts|ACCOUNT#"), Encode("v1|transactions|"), Encode("v1|transactions|zzzz"),
        Encode("v1|transactions|#"), Encode("v1|transactions|\0"), Encode("v1|transactions;;;;|#"), Encode("v1|transactions;;;;|9999-99-99#x"),
        Encode("v1|audit|SEQ#99999999999999999999"), Encode("v1|audit|SEQ#"), Encode("v1|changes|CHANGE#-1"), Encode("v1|changes|CHANGE#9223372036854775807"),
        Encode("v1|changes|CHANGE#99999999999999999999"), Encode("v2|accounts|ACCOUNT#" + new string('f', 32)), Encode("v1|categories|CATEGORY#\u00e9"),
        Encode(new string('|', 500)), "|zzzz", "|#", "====", "a", "0", "-1", "\0", new string('A', 1100), "djF8dHJhbnNhY3Rpb25zfA", "%%%",
    ];

    /// <summary>JSON values (raw text) wrong for most fields, whatever they take.</summary>
    public static readonly string[] Json =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "1e400", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999", "\"\"", "\" \"", "\"x\"", "\"\\u0000\"", "\"\\u0001\\u001f\"", "\"\\ud800\"", "\"\\udc00x\"", "\"é💸\"",
        $"\"{new string('x', 100_000)}\"", "[]", "[null]", "{}", "{\"a\":1}", "\"7\"", "\"-1\"", "\"2026-02-30\"", "\"9999-12-31\"", "\"0001-01-01\"",
        "\"checking, savings\"", "\"CHECKING\"", "\"Checking\"", string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)),
    ];

    /// <summary>JSON arrays wrong for a list field (split lines): null and wrong-typed lines, too many, overflowing sums.</summary>
    public static readonly string[] JsonArrays =
    [
        "[null]", "[null,null]", "[1]", "[\"x\"]", "[{}]", "[[]]", "[{\"amount\":null}]", "[{\"amount\":\"1\"}]", "[{\"amount\":1,\"extra\":true}]",
        "[{\"amount\":9223372036854775807},{\"amount\":9223372036854775807}]", "[{\"amount\":-9223372036854775808},{\"amount\":-1}]",
        "[{\"amount\":1000000000000000},{\"amount\":1000000000000000}]", "[{\"categoryId\":\"zz\",\"amount\":1}]", "[{\"categoryId\":null,\"amount\":-1000}]",
        "[" + string.Join(",", Enumerable.Repeat("{\"amount\":1}", 51)) + "]", "[" + string.Join(",", Enumerable.Repeat("{\"amount\":1}", 5000)) + "]",
    ];

    /// <summary>Whole bodies, as bytes: not JSON, not UTF-8, nested too deep, duplicated keys, over the size limit.</summary>
    public static readonly byte[][] Bodies =
    [
        [], "null"u8.ToArray(), "[]"u8.ToArray(), "\"x\""u8.ToArray(), "42"u8.ToArray(), "{"u8.ToArray(), "{\"a\":"u8.ToArray(), "{}}"u8.ToArray(),
        "{\"x\":1,}"u8.ToArray(), [0xFF, 0xFE, 0x00], [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], [(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
        Encoding.UTF8.GetBytes(new string('[', 5_000)), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100))),
        "{\"name\":\"a\",\"name\":\"b\"}"u8.ToArray(), "\0"u8.ToArray(), Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('x', 1_100_000)}\"}}"),
        "date,amount\n2026-13-45,abc\n"u8.ToArray(), "<OFX><STMTTRN><TRNAMT>1e400</TRNAMT></STMTTRN></OFX>"u8.ToArray(),
    ];

    public static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/json; charset=utf-16", "application/merge-patch+json", "*/*", "application/json;;;", "application/", "text/csv", "application/x-ofx", "é/x",
    ];

    /// <summary>Request headers the API reads, with values it must refuse or ignore; non-ASCII goes out as single Latin-1 bytes.</summary>
    public static readonly (string Name, string Value)[] Headers =
    [
        ("Idempotency-Key", ""), ("Idempotency-Key", " "), ("Idempotency-Key", new string('k', 256)), ("Idempotency-Key", "é"), ("Idempotency-Key", "k\u00ff\u0080"),
        ("Idempotency-Key", "k\u0001"), ("If-Match", ""), ("If-Match", "*"), ("If-Match", "\"0\""), ("If-Match", "\"-1\""), ("If-Match", "\"99999999999999999999\""),
        ("If-Match", "W/\"1\""), ("If-Match", "abc"), ("If-Match", "\"1\", \"2\""), ("If-Match", "\"é\""), ("Accept", "application/xml"), ("Accept", "text/csv"),
        ("Accept", "*/*;q=x"), ("Accept", "é"), ("Accept-Encoding", "br;q=2"), ("Accept-Encoding", "gzip, deflate, x"), ("Accept-Encoding", "é"),
        ("X-Forwarded-Proto", "é"), ("X-Forwarded-For", "not-an-ip"), ("X-Forwarded-For", "1.2.3.4, é"), ("If-None-Match", "\u00ff"), ("Range", "bytes=9-1"),
        ("Content-Encoding", "gzip"), ("X-Padding", new string('p', 40_000)), ("Expect", "100-continue"), ("Traceparent", "zz-garbage"), ("Traceparent", "00-" + new string('0', 32) + "-" + new string('0', 16) + "-01"),
    ];

    private static string Encode(string plain) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
