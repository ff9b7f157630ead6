using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>Small conversions the item mappers share; numbers always in the invariant culture.</summary>
internal static class AttributeValues
{
    public static AttributeValue S(string value) => new(value);

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Time(DateTimeOffset value) => new(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    public static string GetS(this Dictionary<string, AttributeValue> item, string name) => item[name].S;

    public static long GetN(this Dictionary<string, AttributeValue> item, string name) =>
        long.Parse(item[name].N, CultureInfo.InvariantCulture);

    public static bool GetBool(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.BOOL == true;

    public static DateTimeOffset GetTime(this Dictionary<string, AttributeValue> item, string name) =>
        DateTimeOffset.Parse(item[name].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
