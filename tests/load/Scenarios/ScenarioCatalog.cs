namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// The scenarios, by name. The weights of <c>mixed</c> are a guess at a budgeting app's traffic: reads of what a
/// screen shows (budget month, transaction pages, balances) dominate, the app syncs in the background, and about a
/// fifth of the requests change something, most of them new spending.
/// </summary>
internal static class ScenarioCatalog
{
    public const int DefaultConnections = 10_000;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("mixed", "A client app's mix over many users and tenants: ~78 % reads (budget month, transaction pages, balances, sync, reports), ~22 % writes.",
            LoadModel.Open, null, MixedSteps()),
        new("write-heavy", "Mostly writes: new spending, transfers, edits and budget assignments, ~75 % of the requests.",
            LoadModel.Open, null,
            [
                ClientSteps.PostTransaction(40),
                ClientSteps.PostTransfer(10),
                ClientSteps.PatchTransaction(20),
                ClientSteps.AssignBudget(5),
                ClientSteps.PostCategory(1),
                ClientSteps.GetAccounts(8),
                ClientSteps.ListTransactions(8),
                ClientSteps.GetBudget(5),
                ClientSteps.DeltaSync(3),
            ]),
        new("connections", "The mixed requests over 10,000 concurrent keep-alive connections (closed model), each paced so that all send the rate in total.",
            LoadModel.Closed, DefaultConnections, MixedSteps()),
        new("accounts", "GET /v1/accounts of the first seeded user only: the one request of the wrk cross-check, to compare the harness with wrk on the same work.",
            LoadModel.Open, null, [ClientSteps.GetFirstUsersAccounts(100)]),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static Scenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<ScenarioStep> MixedSteps() =>
    [
        ClientSteps.GetBudget(20),
        ClientSteps.ListTransactions(20),
        ClientSteps.GetAccounts(15),
        ClientSteps.DeltaSync(10),
        ClientSteps.GetTransaction(8),
        ClientSteps.GetReport(5),
        ClientSteps.PostTransaction(12),
        ClientSteps.PostTransfer(3),
        ClientSteps.PatchTransaction(5),
        ClientSteps.AssignBudget(1),
        ClientSteps.PostCategory(1),
    ];
}
