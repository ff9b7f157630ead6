using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace BudgetBuddy.Api.Http;

/// <summary>
/// Strong ETags derived from an item's <c>version</c> attribute, and the <c>If-Match</c> precondition that turns a
/// concurrent edit into a 412 instead of a lost update.
/// </summary>
internal static class EntityTag
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads <c>If-Match</c>. Absent or <c>*</c>: no version required (null). A weak or foreign tag can never match
    /// a strong version, so it yields -1 and the write fails its precondition.
    /// </summary>
    public static long? RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1)
        {
            return -1;
        }
        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
        {
            return null;
        }
        var value = tag.Tag.AsSpan().Trim('"');
        return !tag.IsWeak && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
