using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// A job's lines as the store keeps them until the job finishes: JSON, Brotli-compressed, cut into parts small enough
/// for one item each. Sealing each part under the user's data key is the store's business (<see cref="ImportJobStore"/>):
/// a staged statement is a customer's bank statement and is never at rest in clear.
/// </summary>
internal static class StagedStatement
{
    /// <summary>Bytes of one part: an item holds 400 KB with its keys and attributes, and a batch write 16 MB.</summary>
    public const int PartBytes = 300 * 1024;

    public static List<byte[]> Cut(IReadOnlyList<ImportLine> lines)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, lines, StagedLinesJsonContext.Default.IReadOnlyListImportLine);
        }
        var bytes = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        var parts = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length; offset += PartBytes)
        {
            parts.Add(bytes.Slice(offset, Math.Min(PartBytes, bytes.Length - offset)).ToArray());
        }
        return parts;
    }

    public static List<ImportLine> Join(IEnumerable<byte[]> parts)
    {
        using var compressed = new MemoryStream();
        foreach (var part in parts)
        {
            compressed.Write(part);
        }
        compressed.Position = 0;
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, StagedLinesJsonContext.Default.ListImportLine)
            ?? throw new InvalidDataException("A staged statement held no lines.");
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<ImportLine>))]
[JsonSerializable(typeof(List<ImportLine>))]
[JsonSerializable(typeof(List<ImportError>))]
internal sealed partial class StagedLinesJsonContext : JsonSerializerContext;
