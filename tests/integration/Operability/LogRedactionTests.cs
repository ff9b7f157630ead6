using System.Net;
using System.Text;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts.LogRedaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>
/// Inside the running API, whatever logs a card number or a token (our code, ASP.NET Core, a library) writes only
/// redacted text, to the JSON console on stdout and to every other provider (here the test's capture).
/// </summary>
public sealed class LogRedactionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Pan = "4111111111111111";
    private const string SpacedPan = "4111 1111 1111 1111";

    [Fact]
    public async Task An_arbitrary_logger_writes_cards_and_tokens_redacted_to_the_console_and_every_provider()
    {
        await api.ProvisionAsync("redact");
        var token = await api.TokenAsync("redact", "alice");
        var marker = Guid.NewGuid().ToString("N");
        var logger = api.Factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Anywhere.In.The.Api");
        var failure = new InvalidOperationException($"card {Pan} was declined", new ArgumentException($"sent Authorization: Bearer {token}"));

        // Waiting starts before the line is written: the console logger writes it on a thread of its own.
        var consoleLineWritten = ConsoleOutput.WaitForLineAsync(marker, TimeSpan.FromSeconds(10));
        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = $"/v1/cards/{Pan}" }))
        {
            LogCharge(logger, SpacedPan, $"Bearer {token}", marker, failure);
        }
        var consoleLine = await consoleLineWritten;

        var captured = Assert.Single(api.Factory.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        foreach (var written in new[] { consoleLine, captured })
        {
            Assert.DoesNotContain(Pan, written, StringComparison.Ordinal);
            Assert.DoesNotContain(SpacedPan, written, StringComparison.Ordinal);
            Assert.DoesNotContain(token, written, StringComparison.Ordinal);
            Assert.DoesNotContain(token[(token.LastIndexOf('.') + 1)..], written, StringComparison.Ordinal);
            Assert.Contains(SecretRedactor.CardNumberMark, written, StringComparison.Ordinal);
            Assert.Contains(SecretRedactor.TokenMark, written, StringComparison.Ordinal);
            Assert.Contains(nameof(InvalidOperationException), written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_card_number_in_a_url_or_a_body_reaches_the_logs_only_redacted()
    {
        await api.ProvisionAsync("redacturl");
        var client = await api.ClientAsync("redacturl", "alice");

        await (await client.GetAsync($"/v1/accounts/{Pan}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/v1/accounts?cursor={Uri.EscapeDataString(SpacedPan)}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/v1/accounts", $$"""{"name":"A","type":"checking","currency":"USD","openingBalance":"{{SpacedPan}}"}""")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var lines = api.Factory.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("/v1/accounts/" + SecretRedactor.CardNumberMark, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("cursor=" + SecretRedactor.CardNumberMark, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l =>
            l.Contains(Pan, StringComparison.Ordinal) || l.Contains(SpacedPan, StringComparison.Ordinal) || l.Contains("4111%201111", StringComparison.Ordinal));
    }

    private static void LogCharge(ILogger logger, string card, string authorization, string marker, Exception failure) =>
        ChargeFailed(logger, card, authorization, marker, failure);

    private static readonly Action<ILogger, string, string, string, Exception?> ChargeFailed = LoggerMessage.Define<string, string, string>(
        LogLevel.Error, new EventId(1, "ChargeFailed"), "Charge of card {Card} with {Authorization} failed ({Marker})");
}
