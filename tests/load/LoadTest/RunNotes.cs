using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>What the console report shows beyond the JSON summary: the seed, how far in flight the open model went, the connections held, the DynamoDB calls per request.</summary>
internal sealed record RunNotes(
    SeedManifest Seed, long? PeakInFlight, int? ConnectionsAtStart, int? ConnectionsAtEnd, IReadOnlyList<StorageCall> StorageCalls);
