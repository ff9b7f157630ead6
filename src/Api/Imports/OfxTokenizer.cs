using System.Globalization;
using System.Text;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Splits OFX into tags, for both versions at once: 1.x is SGML, where leaf elements are not closed
/// (<c>&lt;TRNAMT&gt;-12.34</c>) and whole files may sit on one line, and 2.x is XML. An XML parser would reject the
/// first, so a leaf's value is simply the text up to the next tag, whether or not a closing tag follows. Processing
/// instructions, comments and declarations are skipped; a '&lt;' that starts no tag counts as text.
/// </summary>
internal sealed class OfxTokenizer(string text, int start)
{
    private const string CdataStart = "<![CDATA[";
    private const string CdataEnd = "]]>";

    private int position = start;
    private int line = 1;
    private int lineCountedTo;
    private OfxTag? pendingClose;

    public bool TryRead(out OfxTag tag)
    {
        if (pendingClose is { } close)
        {
            pendingClose = null;
            tag = close;
            return true;
        }
        while (true)
        {
            var open = text.IndexOf('<', position);
            if (open < 0 || open == text.Length - 1)
            {
                position = text.Length;
                tag = default;
                return false;
            }
            var markup = text.AsSpan(open);
            if (markup.StartsWith("<?", StringComparison.Ordinal))
            {
                position = SkipPast(open + 2, "?>");
                continue;
            }
            if (markup.StartsWith("<!--", StringComparison.Ordinal))
            {
                position = SkipPast(open + 4, "-->");
                continue;
            }
            if (markup.StartsWith(CdataStart, StringComparison.Ordinal))
            {
                position = SkipPast(open + CdataStart.Length, CdataEnd);
                continue;
            }
            if (markup.StartsWith("<!", StringComparison.Ordinal))
            {
                position = SkipPast(open + 2, ">");
                continue;
            }

            var closing = markup[1] == '/';
            var nameStart = open + (closing ? 2 : 1);
            if (nameStart >= text.Length || !char.IsAsciiLetter(text[nameStart]))
            {
                position = open + 1;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '.' or '_' or '-' or ':'))
            {
                nameEnd++;
            }
            var end = text.IndexOf('>', nameEnd);
            if (end < 0)
            {
                // A file cut off inside a tag: what came before is still usable.
                position = text.Length;
                tag = default;
                return false;
            }

            var name = text.AsSpan(nameStart, nameEnd - nameStart).ToString().ToUpperInvariant();
            var selfClosing = !closing && text[end - 1] == '/';
            var tagLine = LineAt(open);
            position = end + 1;
            tag = new OfxTag(name, closing, closing || selfClosing ? null : ReadText(), tagLine);
            if (selfClosing)
            {
                pendingClose = tag with { IsClosing = true };
            }
            return true;
        }
    }

    /// <summary>
    /// The character data from here to the next tag, trimmed, with entities decoded and CDATA sections taken as they
    /// stand (banks wrap NAME and MEMO in them, in 2.x and in 1.x alike); null if blank.
    /// </summary>
    private string? ReadText()
    {
        StringBuilder? joined = null;
        var from = position;
        var to = from;
        while (true)
        {
            to = text.IndexOf('<', to);
            if (to < 0)
            {
                to = text.Length;
                break;
            }
            if (text.AsSpan(to).StartsWith(CdataStart, StringComparison.Ordinal))
            {
                joined ??= new StringBuilder();
                AppendCharacterData(joined, text.AsSpan(from, to - from));
                var contentStart = to + CdataStart.Length;
                var contentEnd = text.IndexOf(CdataEnd, contentStart, StringComparison.Ordinal);
                // An unterminated section runs to the end of the file, as it would for an XML parser that recovers.
                joined.Append(text.AsSpan(contentStart, (contentEnd < 0 ? text.Length : contentEnd) - contentStart));
                from = to = contentEnd < 0 ? text.Length : contentEnd + CdataEnd.Length;
                continue;
            }
            if (to + 1 < text.Length && (char.IsAsciiLetter(text[to + 1]) || text[to + 1] is '/' or '?' or '!'))
            {
                break;
            }
            to++;
        }
        position = to;
        if (joined is not null)
        {
            AppendCharacterData(joined, text.AsSpan(from, to - from));
            var whole = joined.ToString().Trim();
            return whole.Length == 0 ? null : whole;
        }
        var value = text.AsSpan(from, to - from).Trim();
        if (value.IsEmpty)
        {
            return null;
        }
        return value.Contains('&') ? Decode(value) : value.ToString();
    }

    private static void AppendCharacterData(StringBuilder joined, ReadOnlySpan<char> value)
    {
        if (value.Contains('&'))
        {
            joined.Append(Decode(value));
        }
        else
        {
            joined.Append(value);
        }
    }

    private int SkipPast(int from, string terminator)
    {
        var at = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? text.Length : at + terminator.Length;
    }

    /// <summary>The 1-based line of <paramref name="index"/>; tags come in order, so counting resumes where it stopped.</summary>
    private int LineAt(int index)
    {
        for (var i = lineCountedTo; i < index; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }
        }
        lineCountedTo = index;
        return line;
    }

    /// <summary>
    /// Decodes the SGML/XML entities banks use: named ones and numeric ones. An '&amp;' that starts no known entity
    /// is kept as is, since banks do write "AT&amp;T" unescaped.
    /// </summary>
    private static string Decode(ReadOnlySpan<char> value)
    {
        var decoded = new StringBuilder(value.Length);
        while (!value.IsEmpty)
        {
            var amp = value.IndexOf('&');
            if (amp < 0)
            {
                decoded.Append(value);
                break;
            }
            decoded.Append(value[..amp]);
            value = value[amp..];
            var semicolon = value.IndexOf(';');
            if (semicolon > 1 && semicolon <= 10 && Entity(value[1..semicolon]) is { } replacement)
            {
                decoded.Append(replacement);
                value = value[(semicolon + 1)..];
            }
            else
            {
                decoded.Append('&');
                value = value[1..];
            }
        }
        return decoded.ToString();
    }

    private static string? Entity(ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return "\u00A0";
        }
        if (name.Length < 2 || name[0] != '#')
        {
            return null;
        }
        var hex = name[1] is 'x' or 'X';
        var digits = hex ? name[2..] : name[1..];
        var parsed = hex
            ? int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out code);
        var valid = parsed && code is > 0 and <= 0x10FFFF && code is not (>= 0xD800 and <= 0xDFFF);
        return valid ? char.ConvertFromUtf32(code) : null;
    }
}
