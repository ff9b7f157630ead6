using System.Collections.Frozen;

namespace BudgetBuddy.Api.Money;

/// <summary>
/// ISO 4217 currencies in circulation with their minor-unit exponent (JPY 0, USD 2, KWD 3). Amounts are stored as
/// integer minor units, so the exponent is what turns "12.34" into 1234 and back. Fund and metal codes are left out:
/// nobody budgets in them.
/// </summary>
internal static class Currencies
{
    private const string ZeroDecimal = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
    private const string ThreeDecimal = "BHD IQD JOD KWD LYD OMR TND";
    private const string FourDecimal = "CLF UYW";
    private const string TwoDecimal =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
        "CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF " +
        "IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR " +
        "MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD " +
        "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG " +
        "YER ZAR ZMW ZWG";

    private static readonly FrozenDictionary<string, int> Exponents = new[]
        {
            (ZeroDecimal, 0), (TwoDecimal, 2), (ThreeDecimal, 3), (FourDecimal, 4),
        }
        .SelectMany(group => group.Item1.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(code => (code, group.Item2)))
        .ToFrozenDictionary(c => c.code, c => c.Item2, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Exponents.ContainsKey(code);

    /// <summary>Number of decimal places of the currency's minor unit.</summary>
    public static int Exponent(string code) => Exponents[code];
}
