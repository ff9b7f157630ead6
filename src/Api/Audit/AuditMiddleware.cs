using BudgetBuddy.TenantContracts.Audit;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Makes sure every mutating request of a known tenant leaves exactly one audit record, whatever its outcome: a write
/// that committed recorded itself in its own transaction; any other (refused, failed, replayed, changed nothing) is
/// recorded here with its status code once the response is decided — it runs outside the exception handler, so a
/// failure is recorded with the status the client got. Then the tenant's chainer is nudged. Requests without a valid
/// token name no tenant and are only counted by the HTTP metrics.
/// </summary>
internal sealed partial class AuditMiddleware(
    RequestDelegate next,
    IAmazonDynamoDB dynamo,
    TenantRegistry registry,
    AuditChainer chainer,
    TenantCrypto crypto,
    TimeProvider time,
    ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var audit = new RequestAudit(context);
        context.Features.Set(audit);
        try
        {
            await next(context);
        }
        finally
        {
            // A 429 is refused before any work: recording each would let a flood amplify itself into audit writes.
            if (!audit.Recorded && IsMutating(context.Request.Method) && context.Request.Path.StartsWithSegments("/v1")
                && context.Response.StatusCode != StatusCodes.Status429TooManyRequests)
            {
                await RecordOutcomeAsync(context, audit);
            }
            if (audit.Tenant is { } tenant)
            {
                chainer.Schedule(tenant.AuditTable);
            }
        }
    }

    private async Task RecordOutcomeAsync(HttpContext context, RequestAudit audit)
    {
        var caller = context.Features.Get<Caller>();
        var userId = context.User.FindFirst("sub")?.Value;
        var tenantId = caller?.TenantId ?? context.User.FindFirst(TokenContract.TenantClaim)?.Value;
        if (tenantId is null || userId is null)
        {
            return;
        }
        var status = context.Response.StatusCode;
        try
        {
            // Refused before a Caller existed (e.g. a suspended tenant): still the tenant's business to see.
            var tenant = caller?.Tenant ?? (await registry.GetAsync(tenantId, CancellationToken.None)).Record;
            if (tenant is null)
            {
                return;
            }
            var actor = await crypto.PseudonymAsync(tenant, userId, CancellationToken.None);
            var record = audit.Describe(tenant.TenantId, actor, [], status.ToString(System.Globalization.CultureInfo.InvariantCulture), committed: false, time.GetUtcNow());
            // Not tied to the response: a client that hung up must not cancel the record of what it asked.
            await dynamo.PutItemAsync(new PutItemRequest { TableName = tenant.AuditTable, Item = AuditItems.Pending(record, tenant.Retention) }, CancellationToken.None);
            audit.MarkRecorded(tenant);
        }
        // Whatever the failure (with DynamoDB down it is an HttpRequestException, not an AWS one): the client's answer
        // is decided and may be on the wire already, so a throw from here would cut it off mid-body.
        catch (Exception e)
        {
            LogNotRecorded(logger, tenantId, audit.Action, status, e);
        }
    }

    private static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit record of an uncommitted request was not written: tenant {Tenant}, {Action}, status {Status}")]
    private static partial void LogNotRecorded(ILogger logger, string tenant, string action, int status, Exception exception);
}
