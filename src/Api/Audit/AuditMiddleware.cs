using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
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
        var tenant = context.Features.Get<Caller>()?.Tenant;
        var userId = context.User.FindFirst("sub")?.Value;
        if (tenant is null && context.User.FindFirst(TokenContract.TenantClaim)?.Value is { } tenantId && userId is not null)
        {
            // Refused before a Caller existed (e.g. a suspended tenant): still the tenant's business to see.
            tenant = (await registry.GetAsync(tenantId, CancellationToken.None)).Record;
        }
        if (tenant is null || userId is null)
        {
            return;
        }
        var record = audit.Describe(tenant.TenantId, userId, [], context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), committed: false, time.GetUtcNow());
        try
        {
            // Not tied to the response: a client that hung up must not cancel the record of what it asked.
            await dynamo.PutItemAsync(new PutItemRequest { TableName = tenant.AuditTable, Item = AuditItems.Pending(record) }, CancellationToken.None);
            audit.MarkRecorded(tenant);
        }
        catch (AmazonDynamoDBException e)
        {
            LogNotRecorded(logger, tenant.TenantId, audit.Action, context.Response.StatusCode, e);
        }
    }

    private static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit record of an uncommitted request was not written: tenant {Tenant}, {Action}, status {Status}")]
    private static partial void LogNotRecorded(ILogger logger, string tenant, string action, int status, Exception exception);
}
