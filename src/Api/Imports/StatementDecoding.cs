using System.Text;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Bank files come as UTF-8 or as Windows-1252 (OFX 1.x says <c>CHARSET:1252</c>, and many CSV exports are
/// 1252 without saying so). Valid UTF-8 is taken as UTF-8; anything else is read as Windows-1252, which never fails.
/// </summary>
internal static class StatementDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static StatementDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>OFX announces itself in its first bytes; everything else is treated as CSV.</summary>
    public static bool LooksLikeOfx(string text)
    {
        var start = text.AsSpan(0, Math.Min(text.Length, 4096)).TrimStart();
        return start.StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && text.Contains("<OFX", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<OFX", StringComparison.OrdinalIgnoreCase);
    }
}
