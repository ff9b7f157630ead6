namespace BudgetBuddy.Load.Money;

/// <summary>The settings of one run of the money benchmark, as given on the command line.</summary>
internal sealed record MoneyOptions(
    Uri Target,
    string DynamoDbUrl,
    string? SecretsDir,
    string TablePrefix,
    int WarmupSeconds,
    int PostSeconds,
    int Concurrency,
    int SeedTransactions,
    int BudgetRequests,
    int BudgetConcurrency,
    string ResultsDir,
    IReadOnlyDictionary<string, int> WatchedProcessGroups);
