using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// What a run loads: the API over HTTP (<see cref="ApiTarget"/>), or the API's DynamoDB calls made straight through the
/// SDK (<c>Storage.StorageTarget</c>, the raw storage path the API is compared with). The schedule, the steps, the
/// recorder and the reports are the same for both.
/// </summary>
internal interface ILoadTarget
{
    /// <summary>How the summary names it: the API's base URL, or <c>dynamodb-direct:&lt;url&gt;</c>.</summary>
    string Name { get; }

    /// <summary>What a reader of the summary must know about the target; null for the API itself.</summary>
    string? Note { get; }

    /// <summary>
    /// Follows the scenario in the results file's name, so the two paths' results of one comparison sit side by side:
    /// empty for the API, <c>-storage</c> for the raw storage path.
    /// </summary>
    string ResultsSuffix { get; }

    /// <summary>Sends the open model's requests.</summary>
    IRequestSender Sender { get; }

    /// <exception cref="BenchmarkFailedException">The run cannot be made: the target does not answer, or the seed does not fit it.</exception>
    Task RequireReadyAsync(SeedManifest seed, TimeSpan runLength, CancellationToken ct);

    /// <summary>The DynamoDB calls made for the target's requests so far; read at both ends of the measured window.</summary>
    Task<DynamoDbCallCounts> ReadCallsAsync(CancellationToken ct);
}
