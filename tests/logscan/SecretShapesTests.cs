namespace BudgetBuddy.LogScan;

/// <summary>The scanner finds what it must, so a clean scan means something.</summary>
public sealed class SecretShapesTests
{
    [Theory]
    [InlineData("GET /v1/accounts/4111111111111111 404", "card number")]
    [InlineData("card 4111 1111 1111 1111 declined", "card number")]
    [InlineData("?cursor=4111%201111%201111%201111", "card number")]
    [InlineData("order 12 5555555555554444", "card number")]
    [InlineData("SpanId:84bf29983b999986 card=4111111111111111", "card number")]
    [InlineData("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "bearer credential")]
    [InlineData("token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "JWT")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----", "private key")]
    [InlineData("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0i0ZVqNBqm0=", "webhook secret")]
    public void Each_forbidden_shape_is_found(string line, string kind)
    {
        Assert.Contains(kind, SecretShapes.FoundIn(line));
    }

    [Theory]
    [InlineData("GET /v1/accounts/[PAN REDACTED] 404")]
    [InlineData("Authorization: Bearer [TOKEN REDACTED]")]
    [InlineData("AuthenticationScheme: Bearer was challenged.")]
    [InlineData("4111111111111112 fails the Luhn check")]
    [InlineData("2026-11-24T09:17:06.123Z trace 0af7651916cd43dd8448eb211c80319c")]
    [InlineData("-----BEGIN PUBLIC KEY-----")]
    [InlineData("=> SpanId:8412998331999986, TraceId:573d55a71f99ff4b21fe39f3867f0d55, ParentId:0000000000000000")]
    [InlineData("{\"SpanId\":\"8412998331999986\",\"ParentId\":\"0000000000000000\"}")]
    [InlineData("import id h:4bf92f3577b34da6a4111111111111111e4736")]
    public void Redacted_and_harmless_lines_are_clean(string line)
    {
        Assert.Empty(SecretShapes.FoundIn(line));
    }
}
