using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.Load.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Load.Storage;

/// <summary>
/// A DynamoDB client that answers from a few items kept by sort key and records every call, so a test can state the
/// calls a plan makes, in order. The audit chainer's own background calls (a get of the chain's head, a query of the
/// pending records, their linking transaction) are left out of <see cref="LedgerCalls"/>: they follow a commit at a
/// time of the worker's choosing.
/// </summary>
internal sealed class RecordingDynamoDb : AmazonDynamoDBClient
{
    public const string Ledger = "bb-test-tenant-one-ledger";
    public const string Audit = "bb-test-tenant-one-audit";

    private readonly Lock gate = new();
    private readonly List<AmazonDynamoDBRequest> calls = [];

    public RecordingDynamoDb()
        : base(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" })
    {
        OnQuery = ItemsUnderPrefix;
    }

    public static LedgerUser User { get; } = new("tenant-one", "user-001", Ledger, Audit);

    /// <summary>The user's items by sort key, for gets and batch gets.</summary>
    public Dictionary<string, Dictionary<string, AttributeValue>> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Answers the ledger's queries; by default a prefix query gets the <see cref="Items"/> under its prefix and a
    /// range query those between its bounds, up to its limit.
    /// </summary>
    public Func<QueryRequest, QueryResponse> OnQuery { get; set; }

    public Func<TransactWriteItemsRequest, TransactWriteItemsResponse> OnTransact { get; set; } = _ => new TransactWriteItemsResponse();

    /// <summary>The calls of the plans (not of the audit chainer), in the order they were made.</summary>
    public IReadOnlyList<AmazonDynamoDBRequest> LedgerCalls
    {
        get
        {
            lock (gate)
            {
                return [.. calls.Where(c => !IsChainers(c))];
            }
        }
    }

    /// <summary><see cref="LedgerCalls"/> as operation names: <c>GetItem</c>, <c>Query</c>, …</summary>
    public IReadOnlyList<string> Operations => [.. LedgerCalls.Select(c => c.GetType().Name[..^"Request".Length])];

    public IReadOnlyList<TransactWriteItemsRequest> Transactions => [.. LedgerCalls.OfType<TransactWriteItemsRequest>()];

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        Record(request);
        var found = request.TableName == Ledger ? Items.GetValueOrDefault(request.Key[LedgerTable.SortKey].S) : null;
        return Task.FromResult(found is null ? new GetItemResponse() : new GetItemResponse { Item = found });
    }

    public override Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default)
    {
        Record(request);
        var found = request.RequestItems.SelectMany(t => t.Value.Keys)
            .Select(k => Items.GetValueOrDefault(k[LedgerTable.SortKey].S))
            .OfType<Dictionary<string, AttributeValue>>()
            .ToList();
        return Task.FromResult(new BatchGetItemResponse { Responses = new() { [Ledger] = found } });
    }

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        Record(request);
        return Task.FromResult(request.TableName == Ledger ? OnQuery(request) : new QueryResponse { Items = [] });
    }

    public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        Record(request);
        return Task.FromResult(IsChainers(request) ? new TransactWriteItemsResponse() : OnTransact(request));
    }

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        Record(request);
        return Task.FromResult(new PutItemResponse());
    }

    private QueryResponse ItemsUnderPrefix(QueryRequest request)
    {
        var values = request.ExpressionAttributeValues;
        Func<string, bool> wanted = (values.GetValueOrDefault(":prefix")?.S, values.GetValueOrDefault(":lo")?.S, values.GetValueOrDefault(":hi")?.S) switch
        {
            ({ } prefix, _, _) => key => key.StartsWith(prefix, StringComparison.Ordinal),
            (null, { } lo, { } hi) => key => string.CompareOrdinal(key, lo) >= 0 && string.CompareOrdinal(key, hi) <= 0,
            _ => _ => false,
        };
        var found = Items.Where(i => wanted(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value);
        if (request.ScanIndexForward == false)
        {
            found = found.Reverse();
        }
        return new QueryResponse { Items = [.. found.Take(request.Limit ?? int.MaxValue)] };
    }

    private void Record(AmazonDynamoDBRequest request)
    {
        lock (gate)
        {
            calls.Add(request);
        }
    }

    private static bool IsChainers(AmazonDynamoDBRequest call) => call switch
    {
        GetItemRequest get => get.TableName == Audit,
        QueryRequest query => query.TableName == Audit,
        TransactWriteItemsRequest write => write.TransactItems.All(i => (i.Put?.TableName ?? i.Delete?.TableName) == Audit),
        _ => false,
    };
}
