using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// Maps a <see cref="Webhook"/> to its ledger item <c>(WEBHOOKS, WEBHOOK#&lt;id&gt;)</c> and back. Endpoints belong to
/// the tenant, not to a user, so they share one partition of their own, outside every <c>USER#</c> partition (and so
/// outside every user's export and erasure). The signing secrets are sealed with the tenant's data key.
/// </summary>
internal static class WebhookItem
{
    public const string Partition = "WEBHOOKS";
    public const string SortKeyPrefix = "WEBHOOK#";
    public const string Secret = "secret";
    public const string SecretKeyId = "secretKeyId";
    public const string PreviousSecret = "previousSecret";
    public const string PreviousSecretKeyId = "previousSecretKeyId";
    public const string PreviousSecretExpiresAt = "previousSecretExpiresAt";
    public const string Enabled = "enabled";
    public const string DisabledReason = "disabledReason";
    public const string Replay = "replay";
    public const string ReplaySince = "replaySince";
    public const string EnabledAt = "enabledAt";

    public static string SortKey(string id) => SortKeyPrefix + id;

    public static Dictionary<string, AttributeValue> Key(string id) => LedgerKeys.KeyIn(Partition, SortKey(id));

    /// <summary>What a secret is sealed to: this tenant's endpoint, so a sealed secret copied to another item does not open.</summary>
    public static string SealingContext(string tenantId, string id) => $"webhook-secret|{tenantId}|{id}";

    public static Dictionary<string, AttributeValue> ToItem(Webhook webhook, string keyId, byte[] sealedSecret)
    {
        var item = Key(webhook.Id);
        item["entity"] = AttributeValues.S("webhook");
        item["id"] = AttributeValues.S(webhook.Id);
        item["createdAt"] = AttributeValues.Time(webhook.CreatedAt);
        item[SecretKeyId] = AttributeValues.S(keyId);
        item[Secret] = new AttributeValue { B = new MemoryStream(sealedSecret) };
        SetFields(item, webhook);
        return item;
    }

    /// <summary>Writes the fields a patch can change, the version and the update time into <paramref name="item"/>.</summary>
    public static void SetFields(Dictionary<string, AttributeValue> item, Webhook webhook)
    {
        item["url"] = AttributeValues.S(webhook.Url);
        item["types"] = new AttributeValue { L = [.. webhook.Types.Select(AttributeValues.S)] };
        SetOptional(item, "description", webhook.Description);
        item[Enabled] = AttributeValues.Bool(webhook.Enabled);
        SetOptional(item, DisabledReason, webhook.DisabledReason);
        item[VersionedItems.UpdatedAt] = AttributeValues.Time(webhook.UpdatedAt);
        item[VersionedItems.Version] = AttributeValues.N(webhook.Version);
    }

    public static Webhook FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("url"),
        [.. item["types"].L.Select(v => v.S)],
        item.TryGetValue("description", out var description) ? description.S : null,
        item.GetBool(Enabled),
        item.TryGetValue(DisabledReason, out var reason) ? reason.S : null,
        item.ContainsKey(PreviousSecretExpiresAt) ? item.GetTime(PreviousSecretExpiresAt) : null,
        item.GetTime("createdAt"),
        item.GetTime(VersionedItems.UpdatedAt),
        item.GetN(VersionedItems.Version));

    public static byte[] Bytes(AttributeValue value) => value.B.ToArray();

    private static void SetOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is null)
        {
            item.Remove(name);
        }
        else
        {
            item[name] = AttributeValues.S(value);
        }
    }
}
