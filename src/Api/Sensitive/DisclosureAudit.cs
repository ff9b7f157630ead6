using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts.Audit;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Sensitive;

/// <summary>
/// Records that sensitive content is about to be disclosed to the caller: one pending audit record in the tenant's
/// audit table with the actor's pseudonym, the token's scopes (why they may read it), the request's action, the disclosed
/// resources as ids (never their content) and the outcome <c>disclosed</c>, written before the content is sent. It is
/// not the request's own record: a mutating request is still recorded by its commit or by the middleware, which also
/// nudges the chainer for this table.
/// </summary>
internal sealed class DisclosureAudit(
    IAmazonDynamoDB dynamo, TenantCrypto crypto, IHttpContextAccessor http, SecuritySignals signals, IOptions<BreachDetectionOptions> detection, TimeProvider time)
{
    /// <exception cref="DisclosureNotRecordedException">The record could not be written; the content must not be sent.</exception>
    public async Task RecordAsync(Caller caller, IReadOnlyList<string> resources, CancellationToken ct)
    {
        var audit = RequestAudit.Of(http.HttpContext)
            ?? throw new InvalidOperationException("A disclosure is recorded within a request: the record names its action and the token's scopes.");
        var record = audit.Describe(caller.TenantId, await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct), resources, AuditRecord.DisclosedOutcome, committed: false, time.GetUtcNow());
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = caller.Tenant.AuditTable, Item = AuditItems.Pending(record, caller.Tenant.Retention) }, ct);
        }
        catch (Exception e) when (e is AmazonServiceException || StorageFailure.IsTransient(e))
        {
            throw new DisclosureNotRecordedException($"The disclosure of {resources.Count} sensitive resource(s) to a user of tenant {caller.TenantId} could not be recorded.", e);
        }
        audit.NoteRecordWritten(caller.Tenant);
        signals.Count(caller, SecuritySignal.DisclosureBurst, detection.Value.DisclosuresPerWindow, resources.Count);
    }
}
