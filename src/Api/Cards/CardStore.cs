using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Cards;

/// <summary>The caller's cards: encrypted on the way in, never decrypted on the way out, deleted with their guard.</summary>
internal sealed class CardStore(UserItems items, VersionedItems versioned, LedgerCommitter committer, TenantCrypto crypto, TimeProvider time)
{
    public UserCollection<Card> Collection { get; } = new(items, versioned, "cards", "card", CardItem.SortKeyPrefix, CardItem.FromItem);

    public async Task<bool> AccountExistsAsync(Caller caller, string accountId, CancellationToken ct) =>
        ResourceId.IsWellFormed(accountId)
        && await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKey(accountId), ct) is not null;

    public Task<string> FingerprintAsync(Caller caller, string digits, CancellationToken ct) => crypto.FingerprintAsync(caller.Tenant, digits, ct);

    /// <summary>The id of the caller's card with this number, if they stored it already.</summary>
    public async Task<string?> HolderOfAsync(Caller caller, string fingerprint, CancellationToken ct) =>
        (await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, CardItem.FingerprintKey(fingerprint), ct))?[CardItem.CardId].S;

    public async Task<NewResource<Card>> NewAsync(Caller caller, CreateCardRequest request, string digits, string fingerprint, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var card = new Card(
            ResourceId.New(now),
            CardNumber.Brand(digits),
            CardNumber.Last4(digits),
            CardNumber.Mask(digits),
            request.ExpMonth!.Value,
            request.ExpYear!.Value,
            request.HolderName!.Trim(),
            request.AccountId!,
            now,
            Version: 1);
        var ciphertext = await crypto.EncryptAsync(caller.Tenant, digits, CardItem.EncryptionContext(caller.TenantId, caller.UserId, card.Id), ct);
        var claim = LedgerWrites.Insert(caller, CardItem.NumberClaimWrite, CardItem.FingerprintClaim(caller.UserId, fingerprint, card.Id));
        // On a lost race the claim's holder comes back with the failure, for the 409's existingId.
        claim.Item.Put.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        return new NewResource<Card>(
            [LedgerWrites.Insert(caller, CardItem.Write, CardItem.ToItem(caller.UserId, card, ciphertext, fingerprint)), claim],
            [Collection.Change(card.Id, ChangeOp.Create)],
            $"/v1/cards/{card.Id}",
            card);
    }

    /// <summary>Deletes the card and its duplicate guard together, under If-Match when given.</summary>
    public async Task<WriteStatus> DeleteAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, CardItem.SortKey(id), ct);
        if (item is null)
        {
            return WriteStatus.NotFound;
        }
        var version = item.GetN(VersionedItems.Version);
        if (requiredVersion is { } required && required != version)
        {
            return WriteStatus.PreconditionFailed;
        }
        var delete = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, CardItem.SortKey(id)),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(version) },
        };
        var guard = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, CardItem.FingerprintKey(item[CardItem.Fingerprint].S)),
        };
        try
        {
            await committer.CommitAsync(
                caller,
                audit,
                [new LedgerWrite(CardItem.Write, new TransactWriteItem { Delete = delete }), new LedgerWrite(CardItem.NumberClaimWrite, new TransactWriteItem { Delete = guard })],
                [Collection.Change(id, ChangeOp.Delete)],
                ct);
            return WriteStatus.Done;
        }
        catch (LedgerWriteConflict)
        {
            // Deleted or replaced between the read and the write.
            return requiredVersion is null ? WriteStatus.NotFound : WriteStatus.PreconditionFailed;
        }
    }
}
