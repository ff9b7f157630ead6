using Amazon.DynamoDBv2;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// What the plans of one storage run share, as one API process shares it: the DynamoDB client, the change-log heads
/// and write gates kept per process, the audit records and their chainer, and the clock.
/// </summary>
internal sealed class StorageSession : IAsyncDisposable
{
    public StorageSession(IAmazonDynamoDB dynamo, TimeProvider time)
    {
        Dynamo = dynamo;
        Time = time;
        Reads = new LedgerReads(dynamo);
        Chainer = new AuditChainer(dynamo);
        Audit = new AuditRecords(dynamo, Chainer, time);
        Gates = new UserGates();
        Committer = new LedgerCommitter(dynamo, new ChangeHeads(), Gates, Audit, time);
    }

    public IAmazonDynamoDB Dynamo { get; }

    public TimeProvider Time { get; }

    public LedgerReads Reads { get; }

    public AuditChainer Chainer { get; }

    public AuditRecords Audit { get; }

    public UserGates Gates { get; }

    public LedgerCommitter Committer { get; }

    /// <summary>
    /// The answer of a mutating request that commits nothing (refused, or changing nothing): like the API, it still
    /// leaves an audit record, with the status answered.
    /// </summary>
    public async Task<StorageAnswer> AnswerUncommittedAsync(LedgerUser user, string action, StorageAnswer answer, CancellationToken ct)
    {
        await Audit.RecordUncommittedAsync(user, action, answer.Status, ct);
        return answer;
    }

    public ValueTask DisposeAsync() => Chainer.DisposeAsync();
}
