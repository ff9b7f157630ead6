using System.Diagnostics;
using Amazon.Runtime;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// Sends a request the storage way: reads it as the API would route it (<see cref="ApiCallReader"/>), then makes the
/// DynamoDB calls the API makes for it (the step's plan) as the request's user, with nothing of the API in between:
/// no HTTP, no token check, no JSON answer, no encryption. A request counts as sent when its first call is about to
/// go. DynamoDB refusing or failing is an answer (its status), as an HTTP error is on the API's path; a request the
/// storage path has no plan for is a harness fault.
/// </summary>
internal sealed class StorageSender : IRequestSender
{
    private readonly TenantTables tables;
    private readonly TimeSpan requestTimeout;
    private readonly GetBudgetPlan getBudget;
    private readonly ListTransactionsPlan listTransactions;
    private readonly GetAccountsPlan getAccounts;
    private readonly DeltaSyncPlan deltaSync;
    private readonly GetTransactionPlan getTransaction;
    private readonly GetReportPlan getReport;
    private readonly PostTransactionPlan postTransaction;
    private readonly PatchTransactionPlan patchTransaction;
    private readonly AssignBudgetPlan assignBudget;
    private readonly PostCategoryPlan postCategory;

    public StorageSender(StorageSession session, TenantTables tables, TimeSpan requestTimeout)
    {
        this.tables = tables;
        this.requestTimeout = requestTimeout;
        var idempotency = new IdempotentCreates(session);
        getBudget = new GetBudgetPlan(session);
        listTransactions = new ListTransactionsPlan(session);
        getAccounts = new GetAccountsPlan(session);
        deltaSync = new DeltaSyncPlan(session);
        getTransaction = new GetTransactionPlan(session);
        getReport = new GetReportPlan(session);
        postTransaction = new PostTransactionPlan(session, idempotency);
        patchTransaction = new PatchTransactionPlan(session);
        assignBudget = new AssignBudgetPlan(session);
        postCategory = new PostCategoryPlan(session, idempotency);
    }

    public async Task<SentRequest> SendAsync(LoadRequest request, CancellationToken ct)
    {
        var call = ApiCallReader.Read(request);
        var user = LedgerUser.Of(tables, request.User.Tenant, request.User.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(requestTimeout);
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var answer = await RunAsync(user, call, timeout.Token);
            return new SentRequest(sent, answer.Status, answer.Body, null);
        }
        catch (AmazonServiceException e)
        {
            return new SentRequest(sent, (int)e.StatusCode, [], $"{e.ErrorCode}: {e.Message}");
        }
        catch (LedgerConflict e)
        {
            return new SentRequest(sent, 409, [], e.Message);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            return new SentRequest(sent, 0, [], $"{e.GetType().Name}: {e.Message}");
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new SentRequest(sent, 0, [], $"no answer within the request timeout ({e.Message})");
        }
    }

    /// <summary>The step's plan for the call.</summary>
    public Task<StorageAnswer> RunAsync(LedgerUser user, ApiCall call, CancellationToken ct) => call switch
    {
        BudgetMonthRead => getBudget.RunAsync(user, ct),
        TransactionListRead c => listTransactions.RunAsync(user, c, ct),
        AccountListRead => getAccounts.RunAsync(user, ct),
        ChangesRead c => deltaSync.RunAsync(user, c, ct),
        TransactionRead c => getTransaction.RunAsync(user, c, ct),
        ReportRead => getReport.RunAsync(user, ct),
        TransactionPost c => postTransaction.RunAsync(user, c, ct),
        TransactionPatch c => patchTransaction.RunAsync(user, c, ct),
        BudgetAssign c => assignBudget.RunAsync(user, c, ct),
        CategoryPost c => postCategory.RunAsync(user, c, ct),
        _ => throw new NotSupportedException($"The storage path has no plan for {call}."),
    };
}
