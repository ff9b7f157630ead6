using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// One audited action: who (actor, with the scopes their token carried: the "why"), what (action and resources),
/// when, with what outcome, and the request it came from. Ids only — never amounts, memos, payees or card numbers,
/// since the audit table is not encrypted. <see cref="Committed"/> is true when the record was written in the same
/// transaction as the change it describes.
/// </summary>
internal sealed record AuditRecord(
    string Id,
    DateTimeOffset Time,
    string Tenant,
    string Actor,
    string Scopes,
    string Action,
    IReadOnlyList<string> Resources,
    string Outcome,
    string RequestId,
    bool Committed)
{
    /// <summary>Outcome of a record written with the change it describes.</summary>
    public const string CommittedOutcome = "committed";

    /// <summary>Outcome of a sensitive read: the content was disclosed to the actor.</summary>
    public const string DisclosedOutcome = "disclosed";

    /// <summary>
    /// The record as the chain hashes it: compact JSON with a fixed member order. The stored text is what is hashed,
    /// so verification never depends on re-serialising the same way.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", Id);
            json.WriteString("time", Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("tenant", Tenant);
            json.WriteString("actor", Actor);
            json.WriteString("scopes", Scopes);
            json.WriteString("action", Action);
            json.WriteStartArray("resources");
            foreach (var resource in Resources)
            {
                json.WriteStringValue(resource);
            }
            json.WriteEndArray();
            json.WriteString("outcome", Outcome);
            json.WriteString("requestId", RequestId);
            json.WriteBoolean("committed", Committed);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static AuditRecord FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new AuditRecord(
            root.GetProperty("id").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
            root.GetProperty("tenant").GetString()!,
            root.GetProperty("actor").GetString()!,
            root.GetProperty("scopes").GetString()!,
            root.GetProperty("action").GetString()!,
            [.. root.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!)],
            root.GetProperty("outcome").GetString()!,
            root.GetProperty("requestId").GetString()!,
            root.GetProperty("committed").GetBoolean());
    }
}
