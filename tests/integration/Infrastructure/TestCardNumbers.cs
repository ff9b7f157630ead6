using System.Security.Cryptography;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>Card numbers for tests: random, well-formed (Luhn-valid) and in a test issuer's range, never real cards.</summary>
public static class TestCardNumbers
{
    /// <summary>A 16-digit Visa-shaped number under the 4000 00 test prefix, with a correct check digit.</summary>
    public static string NewVisa()
    {
        var digits = "400000" + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        return digits + CheckDigit(digits);
    }

    private static char CheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
