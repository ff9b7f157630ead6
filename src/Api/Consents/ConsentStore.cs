using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Consents;

/// <summary>
/// <c>CONSENT#&lt;purpose&gt;</c> in the user's partition: the current decision per purpose. A decision is written with
/// its audit record in one transaction, so a grant or revocation never takes effect unrecorded.
/// </summary>
internal sealed class ConsentStore(IAmazonDynamoDB dynamo, UserItems items, TenantCrypto crypto, TimeProvider time)
{
    private const string SortKeyPrefix = "CONSENT#";

    public async Task<UserConsents> GetAsync(Caller caller, CancellationToken ct)
    {
        var found = await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, ConsentPurposes.All.Select(p => SortKeyPrefix + p), ct);
        return new UserConsents([.. ConsentPurposes.All.Where(p => found.ContainsKey(SortKeyPrefix + p)).Select(p => FromItem(found[SortKeyPrefix + p]))]);
    }

    public async Task<bool> IsGrantedAsync(Caller caller, string purpose, CancellationToken ct) =>
        await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, SortKeyPrefix + purpose, ct) is { } item && FromItem(item).Granted;

    public async Task<Consent> SetAsync(Caller caller, ICommitAudit? audit, SetConsentRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var consent = new Consent(request.Purpose!, request.Granted!.Value, request.Version!, request.Source!, now);
        var writes = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = caller.Tenant.LedgerTable,
                    Item = new Dictionary<string, AttributeValue>(LedgerKeys.Key(caller.UserId, SortKeyPrefix + consent.Purpose))
                    {
                        ["granted"] = AttributeValues.Bool(consent.Granted),
                        ["version"] = AttributeValues.S(consent.Version),
                        ["source"] = AttributeValues.S(consent.Source),
                        ["recordedAt"] = AttributeValues.Time(now),
                    },
                },
            },
        };
        if (audit is not null)
        {
            writes.Add(audit.RecordFor(caller, await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct), [new ChangedEntity("consent", consent.Purpose, ChangeOp.Upsert, SortKeyPrefix + consent.Purpose)], now));
        }
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, ct);
        audit?.Committed(caller.Tenant);
        return consent;
    }

    private static Consent FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS(LedgerTable.SortKey)[SortKeyPrefix.Length..],
        item.GetBool("granted"),
        item.GetS("version"),
        item.GetS("source"),
        item.GetTime("recordedAt"));
}
