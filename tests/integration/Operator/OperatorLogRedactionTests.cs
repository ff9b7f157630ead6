using System.Security.Cryptography;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts.LogRedaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>The operator holds tenants' private signing keys: whatever in it logs one writes it redacted, on stdout too.</summary>
public sealed class OperatorLogRedactionTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    private static readonly Action<ILogger, string, string, Exception?> SecretWritten = LoggerMessage.Define<string, string>(
        LogLevel.Error, new EventId(1, "SecretWritten"), "Wrote Secret data {Data} ({Marker})");

    [Fact]
    public async Task A_private_key_logged_anywhere_in_the_operator_reaches_the_console_and_every_provider_redacted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportECPrivateKeyPem();
        var marker = Guid.NewGuid().ToString("N");
        var logger = op.Operator.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Anywhere.In.The.Operator");

        var consoleLineWritten = ConsoleOutput.WaitForLineAsync(marker, TimeSpan.FromSeconds(10));
        SecretWritten(logger, pem, marker, null);
        var consoleLine = await consoleLineWritten;

        var captured = Assert.Single(op.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        foreach (var written in new[] { consoleLine, captured })
        {
            Assert.DoesNotContain("PRIVATE KEY-----", written, StringComparison.Ordinal);
            Assert.DoesNotContain(pem.Split('\n')[1], written, StringComparison.Ordinal);
            Assert.Contains(SecretRedactor.PrivateKeyMark, written, StringComparison.Ordinal);
        }
    }
}
