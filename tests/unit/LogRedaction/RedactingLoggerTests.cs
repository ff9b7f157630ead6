using BudgetBuddy.TenantContracts.LogRedaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.UnitTests.LogRedaction;

// These tests log the way any code might, through the extension methods and with data in templates: that is what
// redaction has to withstand.
#pragma warning disable CA1848, CA1873, CA2254

public sealed class RedactingLoggerTests : IDisposable
{
    private const string Pan = "4111111111111111";
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInRlbmFudCI6ImFjbWUifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    private readonly RecordingLoggerProvider recorder = new();
    private readonly ServiceProvider services;
    private readonly ILogger logger;

    public RedactingLoggerTests()
    {
        services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(recorder).AddSecretRedaction())
            .BuildServiceProvider();
        logger = services.GetRequiredService<ILogger<RedactingLoggerTests>>();
    }

    public void Dispose() => services.Dispose();

    private RecordedEntry Single() => Assert.Single(recorder.Entries);

    private static void AssertClean(RecordedEntry entry)
    {
        Assert.DoesNotContain(Pan, entry.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", entry.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_and_each_structured_value_are_redacted_and_the_template_kept()
    {
        logger.LogWarning("Card {Card} presented with {Token} by {User}", Pan, Jwt, "alice");

        var entry = Single();
        AssertClean(entry);
        Assert.Equal($"Card {SecretRedactor.CardNumberMark} presented with {SecretRedactor.TokenMark} by alice", entry.Message);
        Assert.Equal(SecretRedactor.CardNumberMark, entry.Values.Single(v => v.Key == "Card").Value);
        Assert.Equal("alice", entry.Values.Single(v => v.Key == "User").Value);
        Assert.Equal("Card {Card} presented with {Token} by {User}", entry.Values.Single(v => v.Key == "{OriginalFormat}").Value);
    }

    [Fact]
    public void An_interpolated_string_logged_as_the_template_is_redacted_too()
    {
        logger.LogInformation($"charging {Pan}");

        AssertClean(Single());
    }

    [Fact]
    public void A_number_value_shaped_like_a_card_is_redacted()
    {
        logger.LogInformation("Amount {Amount}", 4111111111111111L);

        var entry = Single();
        AssertClean(entry);
        Assert.Equal(SecretRedactor.CardNumberMark, entry.Values.Single(v => v.Key == "Amount").Value);
    }

    [Fact]
    public void A_sequence_value_holding_a_card_is_redacted()
    {
        logger.LogInformation("Cards {Cards}", (object)new[] { "none", Pan });

        AssertClean(Single());
    }

    [Fact]
    public void Scope_values_and_scope_text_are_redacted()
    {
        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = $"/v1/cards/{Pan}" }))
        using (logger.BeginScope("token {Token}", Jwt))
        using (logger.BeginScope($"plain text scope {Pan}"))
        {
            logger.LogInformation("inside");
        }

        var entry = Single();
        AssertClean(entry);
        Assert.Contains($"RequestPath=/v1/cards/{SecretRedactor.CardNumberMark}", entry.Scopes);
    }

    [Fact]
    public void The_exception_chain_is_redacted_with_its_type_names_kept()
    {
        var exception = Thrown(new InvalidOperationException($"card {Pan} refused", new ArgumentException($"header Bearer {Jwt}")));

        logger.LogError(exception, "Request failed");

        var entry = Single();
        AssertClean(entry);
        var logged = Assert.IsType<RedactedException>(entry.Exception);
        Assert.Equal(typeof(InvalidOperationException).FullName, logged.OriginalType);
        Assert.Contains("System.InvalidOperationException: card [PAN REDACTED] refused", logged.ToString(), StringComparison.Ordinal);
        Assert.Contains("System.ArgumentException", logged.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), logged.ToString(), StringComparison.Ordinal); // the stack trace stays
        Assert.Null(logged.InnerException);
    }

    [Fact]
    public void A_state_that_is_not_structured_is_checked_through_its_text()
    {
        logger.Log(LogLevel.Information, default, new CardHolder(Pan), null, (_, _) => "a card holder");

        AssertClean(Single());
    }

    [Fact]
    public void An_entry_without_secrets_reaches_the_provider_untouched()
    {
        var exception = Thrown(new TimeoutException("DynamoDB did not answer"));

        logger.LogWarning(exception, "Slow call {Operation} took {Ms} ms", "Query", 1234);

        var entry = Single();
        Assert.Same(exception, entry.Exception);
        Assert.IsNotType<RedactedLogState>(entry.State);
        Assert.Equal("Slow call Query took 1234 ms", entry.Message);
    }

    [Fact]
    public void Filters_by_provider_type_still_apply_behind_the_decorator()
    {
        using var filtered = new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Trace)
                .AddProvider(recorder)
                .AddFilter<RecordingLoggerProvider>(null, LogLevel.Warning)
                .AddSecretRedaction())
            .BuildServiceProvider();
        var filteredLogger = filtered.GetRequiredService<ILogger<RedactingLoggerTests>>();

        filteredLogger.LogInformation("below the provider's level");
        filteredLogger.LogWarning("at the provider's level");

        Assert.Equal("at the provider's level", Single().Message);
    }

    [Fact]
    public void Adding_redaction_twice_decorates_once()
    {
        using var twice = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(recorder).AddSecretRedaction().AddSecretRedaction())
            .BuildServiceProvider();

        twice.GetRequiredService<ILogger<RedactingLoggerTests>>().LogWarning("once {Pan}", Pan);

        Assert.IsType<RedactingLoggerFactory>(twice.GetRequiredService<ILoggerFactory>());
        AssertClean(Single());
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private sealed record CardHolder(string CardNumber);
}
