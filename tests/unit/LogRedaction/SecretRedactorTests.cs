using BudgetBuddy.TenantContracts.LogRedaction;

namespace BudgetBuddy.UnitTests.LogRedaction;

public sealed class SecretRedactorTests
{
    private const string Jwt =
        "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSIsInRlbmFudCI6ImFjbWUifQ.MEUCIQDx3rK0yZ9p1Vb8cQk2Yw7s5dL9eF0aR3tU6vW8xYz";

    [Theory]
    [InlineData("4111111111111111")]        // Visa, 16
    [InlineData("4111 1111 1111 1111")]     // grouped by spaces
    [InlineData("4111-1111-1111-1111")]     // grouped by dashes
    [InlineData("4111%201111%201111%201111")] // in a URL
    [InlineData("4111+1111+1111+1111")]     // in a form-encoded query
    [InlineData("378282246310005")]         // Amex, 15
    [InlineData("4222222222222")]           // 13 digits
    [InlineData("6221260000000000001")]     // 19 digits
    public void A_luhn_valid_card_number_is_redacted_wherever_it_stands(string pan)
    {
        var redacted = SecretRedactor.Redact($"charge of card {pan} declined");

        Assert.Equal($"charge of card {SecretRedactor.CardNumberMark} declined", redacted);
    }

    [Theory]
    [InlineData("order 12 4111111111111111")]
    [InlineData("ref=9999-4111111111111111")]
    [InlineData("pan_4111111111111111;")]
    [InlineData("card:4111111111111111,")]
    [InlineData("ab12 4111111111111111")]         // the letters are glued to 12, not to the card
    public void A_card_number_next_to_other_digit_groups_or_punctuation_is_still_found(string text)
    {
        Assert.DoesNotContain("4111111111111111", SecretRedactor.Redact(text).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4111111111111112")]          // fails the Luhn check
    [InlineData("411111111111")]              // 12 digits: too short for a card
    [InlineData("4111 1111  1111 1111")]      // a double space ends a run: two runs of 8
    [InlineData("2026-01-01T10:20:30.123Z")]  // a timestamp
    [InlineData("trace 0af7651916cd43dd8448eb211c80319c")]
    [InlineData("TraceId:4bf92f3577b34da6a4111111111111111e4736")]  // digits inside a hex id
    [InlineData("ParentId:0000000000000000")]                      // Luhn-valid, but no card starts with 0
    [InlineData("x4111111111111111y")]                             // glued into a word
    public void Numbers_that_are_not_card_shaped_are_left_alone(string text)
    {
        Assert.Same(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void A_long_run_of_groups_is_redacted_whole_when_any_span_of_it_is_a_card()
    {
        var text = "ids 1 2 3 4 5 6 7 8 9 10 11 12 13 4111 1111 1111 1111 14 15";

        Assert.Equal("ids " + SecretRedactor.CardNumberMark, SecretRedactor.Redact(text));
    }

    [Theory]
    [InlineData("Authorization: Bearer " + Jwt)]
    [InlineData("token=" + Jwt)]
    [InlineData("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    [InlineData("no signature eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9")]
    public void Jwts_are_redacted_signed_or_not(string text)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.Contains(SecretRedactor.TokenMark, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authorization: bearer 0123456789abcdefABCDEF~+/", "authorization: Bearer [TOKEN REDACTED]")]
    [InlineData("Bearer sk_live_51HxQv2ThisIsOpaque== rest", "Bearer [TOKEN REDACTED] rest")]
    public void Opaque_bearer_credentials_are_redacted(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(text));
    }

    [Theory]
    [InlineData("Bearer was not authenticated. Failure message: The token has expired.")]
    [InlineData("AuthenticationScheme: Bearer was challenged.")]
    [InlineData("The Authorization header must be 'Bearer <token>'.")]
    public void Prose_mentioning_the_bearer_scheme_stays_readable(string text)
    {
        Assert.Same(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void A_pem_private_key_is_redacted_from_begin_to_end()
    {
        var text = "key:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oSk7J0oXvQnvoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\ndone";

        Assert.Equal("key:\n" + SecretRedactor.PrivateKeyMark + "\ndone", SecretRedactor.Redact(text));
    }

    [Fact]
    public void A_pem_private_key_cut_off_before_its_end_line_is_redacted_to_the_end()
    {
        var text = "secret data: -----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";

        Assert.Equal("secret data: " + SecretRedactor.PrivateKeyMark, SecretRedactor.Redact(text));
    }

    [Fact]
    public void A_pem_public_key_is_left_alone()
    {
        var text = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

        Assert.Same(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void The_private_member_of_a_jwk_is_redacted_and_the_public_ones_kept()
    {
        var jwk = """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","d":"jpsQnnGQmL-YBIffH1136cLyfy5tZ0uVV7RM3J0y-JU"}""";

        var redacted = SecretRedactor.Redact(jwk);

        Assert.DoesNotContain("jpsQnnGQmL", redacted, StringComparison.Ordinal);
        Assert.Contains("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_secrets_comes_back_as_the_same_instance()
    {
        var text = "Request finished HTTP/1.1 GET http://127.0.0.1:5000/v1/accounts?limit=50 - 200 1234 application/json 12.3456ms";

        Assert.False(SecretRedactor.MightHoldSecret(text));
        Assert.Same(text, SecretRedactor.Redact(text));
    }
}
