using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Seeding;

/// <summary>What <c>seed</c> makes, and where.</summary>
/// <param name="UsersPerTenant">Users of each tenant; each gets a checking, a savings and a credit-card account.</param>
/// <param name="Months">Months of history, this one included.</param>
/// <param name="TransactionsPerMonth">Statement lines a month into checking; the credit card gets a third as many, savings one.</param>
/// <param name="Categories">Categories a user has; each gets one categorised posting and this month's assignment.</param>
/// <param name="Concurrency">Users seeded at once.</param>
/// <param name="TenantPlan">The tenants' request allowance (the API's per-tenant rate limit).</param>
/// <param name="Out">Where the manifest goes.</param>
/// <param name="Tenant">An existing tenant to seed users into instead of provisioning tenants (the cluster gate's
/// load-test tenant): its id, and the folder holding its Secret's files (<c>&lt;folder&gt;/&lt;id&gt;/</c>) to sign tokens with.</param>
/// <param name="UserPrefix">Put before each user id, so harness processes that seed one tenant seed users of their own.</param>
internal sealed record SeedOptions(
    Uri Target,
    string DynamoDbUrl,
    string TablePrefix,
    int Tenants,
    int UsersPerTenant,
    int Months,
    int TransactionsPerMonth,
    int Categories,
    int Concurrency,
    TenantPlan TenantPlan,
    TimeSpan TokenLifetime,
    string Out,
    (string Id, string SecretsDir)? Tenant = null,
    string UserPrefix = "");
