using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// A seeded user as a client app holds it during a run: the token, the ids it knows, the transactions it has seen
/// (seeded and posted), its delta-sync cursor and where it is in a transaction list. Requests of one user run
/// concurrently; each piece of state is replaced whole, so a race only means a client re-reads a little.
/// </summary>
internal sealed class LoadUser
{
    /// <summary>How many transaction ids a user keeps for reads and edits: the newest, as a client's screen would.</summary>
    public const int KnownTransactions = 64;

    private readonly Lock gate = new();
    private readonly List<string> transactions;
    private int nextSlot;
    private volatile string changesCursor;
    private volatile ListPosition? listPosition;

    private LoadUser(SeedUser seed)
    {
        Tenant = seed.Tenant;
        Id = seed.Id;
        Authorization = $"Bearer {seed.Token}";
        Accounts = seed.Accounts;
        Categories = seed.Categories;
        transactions = [.. seed.Transactions.Take(KnownTransactions)];
        changesCursor = seed.ChangesCursor;
    }

    public string Tenant { get; }

    public string Id { get; }

    /// <summary>The <c>Authorization</c> header's value, built once.</summary>
    public string Authorization { get; }

    /// <summary>Checking, savings, credit card: <see cref="SeedUser.Accounts"/>.</summary>
    public IReadOnlyList<string> Accounts { get; }

    public IReadOnlyList<string> Categories { get; }

    public string ChangesCursor
    {
        get => changesCursor;
        set => changesCursor = value;
    }

    /// <summary>The list the user last paged through and the cursor of its next page; null before the first list.</summary>
    public ListPosition? ListPosition
    {
        get => listPosition;
        set => listPosition = value;
    }

    public static LoadUser From(SeedUser seed) => new(seed);

    /// <summary>A transaction the user knows, or null when it knows none yet.</summary>
    public string? KnownTransaction(Think think)
    {
        lock (gate)
        {
            return transactions.Count == 0 ? null : transactions[think.Next(transactions.Count)];
        }
    }

    /// <summary>Remembers a transaction the user just posted, in place of the oldest once it knows enough.</summary>
    public void Remember(string transactionId)
    {
        lock (gate)
        {
            if (transactions.Count < KnownTransactions)
            {
                transactions.Add(transactionId);
                return;
            }
            transactions[nextSlot] = transactionId;
            nextSlot = (nextSlot + 1) % KnownTransactions;
        }
    }
}
