using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// The key-encryption key of this test run: one local key file that every provisioner, operator and API of the run
/// shares, as one deployment's would. Tests about a wrong KEK make their own.
/// </summary>
public static class TestKek
{
    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "budgetbuddy-tests", $"kek-{Environment.ProcessId}.key");

    private static readonly Lazy<LocalKeyEncryptionKey> Shared = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(FilePath);
        return LocalKeyEncryptionKey.LoadOrCreate(FilePath);
    });

    public static IKeyEncryptionKey Key => Shared.Value;
}
