namespace BudgetBuddy.Load.Operator;

/// <summary>The settings of one run of the operator benchmark, as given on the command line.</summary>
internal sealed record OperatorOptions(
    string DynamoDbUrl,
    string TablePrefix,
    int Tenants,
    int OperatorConcurrency,
    int ApplyConcurrency,
    TimeSpan Timeout,
    string OperatorDll,
    string ResultsDir);
