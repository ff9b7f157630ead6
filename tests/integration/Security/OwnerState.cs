namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// The owner's data as it was before the intruders called: a snapshot of each owned object, and the position of the
/// owner's change feed, where every write to the owner's data lands, including those no snapshot looks at (budget
/// months, settings, objects created in the owner's name).
/// </summary>
internal sealed class OwnerState
{
    private readonly HttpClient owner;
    private readonly IReadOnlyList<ObjectSnapshot> snapshots;
    private readonly string feedCursor;

    private OwnerState(HttpClient owner, IReadOnlyList<ObjectSnapshot> snapshots, string feedCursor)
    {
        this.owner = owner;
        this.snapshots = snapshots;
        this.feedCursor = feedCursor;
    }

    public static async Task<OwnerState> CaptureAsync(HttpClient owner, IEnumerable<OwnedObject> objects)
    {
        var snapshots = new List<ObjectSnapshot>();
        foreach (var location in objects.Select(o => o.Location).Distinct(StringComparer.Ordinal))
        {
            snapshots.Add(await ObjectSnapshot.ReadAsync(owner, location));
        }
        return new OwnerState(owner, snapshots, await OwnerChangeFeed.EndAsync(owner));
    }

    /// <summary>The ETag the owner read for the object at <paramref name="location"/>.</summary>
    public string? ETagOf(string location) => snapshots.Single(s => s.Location == location).ETag;

    /// <summary>Everything that differs from the capture: each write in the feed since, each object that reads differently.</summary>
    public async Task<List<string>> DifferencesAsync()
    {
        var differences = (await OwnerChangeFeed.SinceAsync(owner, feedCursor))
            .Select(change => $"the owner's data was written while only intruders called: {change}")
            .ToList();
        foreach (var before in snapshots)
        {
            var now = await ObjectSnapshot.ReadAsync(owner, before.Location);
            if (now != before)
            {
                differences.Add($"{before.Location} changed while only intruders called: was {before.Status} {before.ETag} {before.Body}, is {now.Status} {now.ETag} {now.Body}");
            }
        }
        return differences;
    }
}
