using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.TenantContracts.Keys;
using BudgetBuddy.TenantContracts.LogRedaction;

namespace BudgetBuddy.TenantContracts.Compliance;

/// <summary>
/// Checks one tenant's controls straight against DynamoDB and reports each with its evidence: tables encrypted at rest
/// and with point-in-time recovery, user keys kept out of backups, audit chain intact, data keys within the rotation policy, no plaintext card number
/// in a sample of stored items, a rate-limit plan, and a retention policy that time to live enforces. Shared by
/// <c>GET /v1/compliance/report</c> and the operator's <c>compliance-report</c> command, so both report the same thing
/// the same way.
/// </summary>
/// <param name="emulated">True against DynamoDB Local or another emulator, which cannot show encryption at rest.</param>
public sealed class ComplianceChecker(IAmazonDynamoDB dynamo, AuditChainVerifier chain, TimeProvider time, bool emulated)
{
    public async Task<ComplianceReport> RunAsync(TenantRecord tenant, CompliancePolicy policy, IEnumerable<ComplianceControl> extra, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(policy);
        var controls = new List<ComplianceControl>();
        foreach (var (role, table) in new[] { ("ledger", tenant.LedgerTable), ("audit", tenant.AuditTable) })
        {
            controls.Add(await EncryptionAtRestAsync(role, table, ct).ConfigureAwait(false));
            controls.Add(await PointInTimeRecoveryAsync(role, table, ct).ConfigureAwait(false));
        }
        controls.Add(await UserKeysOutsideBackupsAsync(tenant, ct).ConfigureAwait(false));
        controls.Add(await AuditChainAsync(tenant, ct).ConfigureAwait(false));
        controls.Add(await DataKeyAgeAsync(tenant, policy, ct).ConfigureAwait(false));
        controls.Add(await PlaintextCardNumbersAsync(tenant, policy, ct).ConfigureAwait(false));
        controls.Add(RatePlan(tenant));
        controls.Add(await RetentionAsync(tenant, ct).ConfigureAwait(false));
        controls.AddRange(extra);
        return new ComplianceReport(tenant.TenantId, time.GetUtcNow(), controls.TrueForAll(c => c.Status != ComplianceControl.Fail), controls);
    }

    private async Task<ComplianceControl> EncryptionAtRestAsync(string role, string table, CancellationToken ct)
    {
        var id = $"encryption-at-rest:{role}";
        const string title = "Table encrypted at rest";
        if (emulated)
        {
            return new(id, title, ComplianceControl.Unsupported, $"{table}: the endpoint is an emulator (DynamoDB Local), which stores data unencrypted; AWS DynamoDB always encrypts.");
        }
        var sse = (await dynamo.DescribeTableAsync(table, ct).ConfigureAwait(false)).Table.SSEDescription;
        return sse is null || sse.Status is null
            ? new(id, title, ComplianceControl.Pass, $"{table}: encrypted with the AWS owned key (DynamoDB default).")
            : sse.Status == SSEStatus.ENABLED
                ? new(id, title, ComplianceControl.Pass, $"{table}: {sse.SSEType} encryption with {sse.KMSMasterKeyArn ?? "the AWS managed key"}.")
                : new(id, title, ComplianceControl.Fail, $"{table}: server-side encryption is {sse.Status}.");
    }

    private async Task<ComplianceControl> PointInTimeRecoveryAsync(string role, string table, CancellationToken ct)
    {
        var id = $"point-in-time-recovery:{role}";
        const string title = "Point-in-time recovery on";
        try
        {
            var backups = (await dynamo.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = table }, ct).ConfigureAwait(false))
                .ContinuousBackupsDescription;
            var status = backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
            return status == PointInTimeRecoveryStatus.ENABLED
                ? new(id, title, ComplianceControl.Pass, $"{table}: enabled; restorable from {backups!.PointInTimeRecoveryDescription.EarliestRestorableDateTime:O}.")
                : new(id, title, ComplianceControl.Fail, $"{table}: point-in-time recovery is {status?.Value ?? "off"}.");
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "UnknownOperationException")
        {
            return new(id, title, ComplianceControl.Unsupported, $"{table}: the endpoint does not implement point-in-time recovery (DynamoDB Local).");
        }
    }

    /// <summary>
    /// Erasure reaches backups only while no backup holds a user key: the keys table must exist and be left out of
    /// point-in-time recovery (<see cref="KeysTable"/>).
    /// </summary>
    private async Task<ComplianceControl> UserKeysOutsideBackupsAsync(TenantRecord tenant, CancellationToken ct)
    {
        const string id = "user-keys-outside-backups";
        const string title = "User keys kept out of backups";
        if (tenant.KeysTable is not { } table)
        {
            return new(id, title, ComplianceControl.Fail, $"User keys are in {tenant.LedgerTable}, which backups copy: the operator has not yet given the tenant its keys table.");
        }
        try
        {
            var status = (await dynamo.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = table }, ct).ConfigureAwait(false))
                .ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
            return status == PointInTimeRecoveryStatus.ENABLED
                ? new(id, title, ComplianceControl.Fail, $"{table}: point-in-time recovery is on, so restores would bring back the keys of erased users.")
                : new(id, title, ComplianceControl.Pass, $"{table}: point-in-time recovery off; the tables that backups copy hold no user key.");
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "UnknownOperationException")
        {
            return new(id, title, ComplianceControl.Unsupported, $"{table}: the endpoint does not implement point-in-time recovery (DynamoDB Local), so nothing is backed up.");
        }
    }

    private async Task<ComplianceControl> AuditChainAsync(TenantRecord tenant, CancellationToken ct)
    {
        const string id = "audit-chain";
        const string title = "Audit chain intact";
        var verification = await chain.VerifyAsync(tenant.AuditTable, ct).ConfigureAwait(false);
        var expired = verification.HeadSequence - verification.Records;
        return verification.Intact
            ? new(id, title, ComplianceControl.Pass, expired > 0
                ? $"{verification.Records} records verified from the oldest still kept, anchored on the hash it names as its predecessor's ({expired} older records expired under the retention policy); head {verification.HeadSequence} hash {verification.HeadHash}."
                : $"{verification.Records} records verified; head {verification.HeadSequence} hash {verification.HeadHash}.")
            : new(id, title, ComplianceControl.Fail, $"record {verification.FirstBroken!.Sequence}: {verification.FirstBroken.Reason}.");
    }

    private async Task<ComplianceControl> DataKeyAgeAsync(TenantRecord tenant, CompliancePolicy policy, CancellationToken ct)
    {
        const string id = "data-key-age";
        const string title = "Data keys within rotation policy";
        var keys = (await dynamo.QueryAsync(DataKeyItem.Query(tenant.LedgerTable), ct).ConfigureAwait(false)).Items.Select(DataKeyItem.FromItem).ToList();
        var newest = keys.Where(k => k.Purpose == DataKeyPurpose.Encryption).MaxBy(k => k.CreatedAt);
        if (newest is null || !keys.Exists(k => k.Purpose == DataKeyPurpose.Fingerprint))
        {
            return new(id, title, ComplianceControl.Fail, "The tenant has no data keys: nothing can be encrypted for it.");
        }
        var age = time.GetUtcNow() - newest.CreatedAt;
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"newest data key {newest.Id} is {age.TotalDays:F0} days old (policy {policy.MaxDataKeyAgeDays}); {keys.Count(k => k.Purpose == DataKeyPurpose.Encryption)} encryption keys, wrapped by {newest.KekId}.");
        return new(id, title, age <= TimeSpan.FromDays(policy.MaxDataKeyAgeDays) ? ComplianceControl.Pass : ComplianceControl.Fail, evidence);
    }

    private async Task<ComplianceControl> PlaintextCardNumbersAsync(TenantRecord tenant, CompliancePolicy policy, CancellationToken ct)
    {
        const string id = "no-plaintext-pan";
        const string title = "No plaintext card number in stored items";
        var scanned = 0;
        var found = new List<string>();
        foreach (var table in new[] { tenant.LedgerTable, tenant.AuditTable })
        {
            var fromTable = 0;
            var scan = new ScanRequest { TableName = table, Limit = Math.Min(policy.PanScanSampleSize, 500) };
            do
            {
                var page = await dynamo.ScanAsync(scan, ct).ConfigureAwait(false);
                foreach (var item in page.Items ?? [])
                {
                    fromTable++;
                    // Names where it is, never what: the report must not repeat the number it found.
                    found.AddRange(item.Where(a => Texts(a.Value).Any(SecretRedactor.ContainsCardNumber))
                        .Select(a => $"{table}: {item[LedgerTable.SortKey].S.Split('#')[0]} item, attribute {a.Key}"));
                }
                scan.ExclusiveStartKey = page.LastEvaluatedKey;
            }
            while (fromTable < policy.PanScanSampleSize && scan.ExclusiveStartKey is { Count: > 0 });
            scanned += fromTable;
        }
        return found.Count == 0
            ? new(id, title, ComplianceControl.Pass, $"{scanned} items of {tenant.LedgerTable} and {tenant.AuditTable} scanned; no card-number-shaped value found.")
            : new(id, title, ComplianceControl.Fail, $"{scanned} items scanned; card-number-shaped values in: {string.Join("; ", found.Distinct().Take(10))}.");
    }

    private static ComplianceControl RatePlan(TenantRecord tenant) =>
        tenant.Plan.RequestsPerMinute > 0 && tenant.Plan.Burst > 0
            ? new("rate-limit-plan", "Tenant rate limit configured", ComplianceControl.Pass,
                $"{tenant.Plan.RequestsPerMinute} requests per minute, burst {tenant.Plan.Burst} (registry plan).")
            : new("rate-limit-plan", "Tenant rate limit configured", ComplianceControl.Fail, "The tenant's plan sets no request limit.");

    /// <summary>
    /// The tenant's retention policy, enforced when time to live is on for both tables and reads the attribute the API
    /// stamps; otherwise expired items would stay forever.
    /// </summary>
    private async Task<ComplianceControl> RetentionAsync(TenantRecord tenant, CancellationToken ct)
    {
        const string id = "retention";
        const string title = "Retention policy enforced by time to live";
        var findings = new List<string>();
        var enforced = true;
        foreach (var (table, attribute) in new[] { (tenant.LedgerTable, LedgerTable.ExpiresAt), (tenant.AuditTable, AuditTable.ExpiresAt) })
        {
            var ttl = (await dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table }, ct).ConfigureAwait(false))
                .TimeToLiveDescription;
            var on = ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLED || ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLING;
            enforced &= on && ttl!.AttributeName == attribute;
            findings.Add(on
                ? $"{table}: time to live {ttl!.TimeToLiveStatus.Value} on {ttl.AttributeName}{(ttl.AttributeName == attribute ? "" : $" (the API stamps {attribute})")}"
                : $"{table}: time to live {ttl?.TimeToLiveStatus?.Value ?? "DISABLED"}");
        }
        return new(id, title, enforced ? ComplianceControl.Pass : ComplianceControl.Fail,
            $"Policy: {tenant.Retention} (registry). {string.Join("; ", findings)}.");
    }

    /// <summary>
    /// The strings in an attribute, nested ones included. Numbers are left out: a card number is stored as text (or
    /// sealed), never as a number, while a budget's activity or a balance in minor units can be 13 to 19 digits that
    /// happen to pass Luhn.
    /// </summary>
    private static IEnumerable<string> Texts(AttributeValue value)
    {
        if (value.S is { } s)
        {
            yield return s;
        }
        foreach (var text in value.SS ?? [])
        {
            yield return text;
        }
        foreach (var nested in (value.L ?? []).Concat(value.M?.Values ?? Enumerable.Empty<AttributeValue>()))
        {
            foreach (var text in Texts(nested))
            {
                yield return text;
            }
        }
    }
}
