using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Cards;

/// <summary>
/// A card's ledger item <c>(USER#&lt;user&gt;, CARD#&lt;id&gt;)</c>: the number only as AES-GCM ciphertext under the
/// user's data key (the tenant's, for cards stored before users had keys) and as a keyed fingerprint; everything shown
/// to clients stored beside them. Its duplicate guard is a second item <c>CARDFP#&lt;fingerprint&gt;</c> naming the
/// card, written with it.
/// </summary>
internal static class CardItem
{
    public const string SortKeyPrefix = "CARD#";
    public const string FingerprintPrefix = "CARDFP#";
    public const string PanCiphertext = "panCiphertext";
    public const string Fingerprint = "fingerprint";
    public const string CardId = "cardId";

    /// <summary>The name of the card's own write.</summary>
    public const string Write = "card";

    /// <summary>The name of the write of <c>CARDFP#</c>, which holds a number for one card of the user.</summary>
    public const string NumberClaimWrite = "card number claim";

    public static string SortKey(string id) => SortKeyPrefix + id;

    public static string FingerprintKey(string fingerprint) => FingerprintPrefix + fingerprint;

    /// <summary>Binds a number's ciphertext to its tenant, user and card: copied anywhere else, it does not decrypt.</summary>
    public static string EncryptionContext(string tenantId, string userId, string cardId) => $"card-pan|{tenantId}|{userId}|{cardId}";

    public static Dictionary<string, AttributeValue> ToItem(string userId, Card card, string panCiphertext, string fingerprint)
    {
        var item = LedgerKeys.Key(userId, SortKey(card.Id));
        item["entity"] = AttributeValues.S("card");
        item["id"] = AttributeValues.S(card.Id);
        item["brand"] = AttributeValues.S(card.Brand);
        item["last4"] = AttributeValues.S(card.Last4);
        item["masked"] = AttributeValues.S(card.Masked);
        item["expMonth"] = AttributeValues.N(card.ExpMonth);
        item["expYear"] = AttributeValues.N(card.ExpYear);
        item["holderName"] = AttributeValues.S(card.HolderName);
        item["accountId"] = AttributeValues.S(card.AccountId);
        item[PanCiphertext] = AttributeValues.S(panCiphertext);
        item[Fingerprint] = AttributeValues.S(fingerprint);
        item["createdAt"] = AttributeValues.Time(card.CreatedAt);
        item[VersionedItems.UpdatedAt] = AttributeValues.Time(card.CreatedAt);
        item[VersionedItems.Version] = AttributeValues.N(card.Version);
        return item;
    }

    public static Card FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("brand"),
        item.GetS("last4"),
        item.GetS("masked"),
        (int)item.GetN("expMonth"),
        (int)item.GetN("expYear"),
        item.GetS("holderName"),
        item.GetS("accountId"),
        item.GetTime("createdAt"),
        item.GetN(VersionedItems.Version));

    public static Dictionary<string, AttributeValue> FingerprintClaim(string userId, string fingerprint, string cardId)
    {
        var item = LedgerKeys.Key(userId, FingerprintKey(fingerprint));
        item[CardId] = AttributeValues.S(cardId);
        return item;
    }
}
