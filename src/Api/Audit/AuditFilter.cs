using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Audit;

/// <summary>The optional filters of <c>GET /v1/audit</c>: exact actor, action and outcome, and a time window.</summary>
internal sealed record AuditFilter(string? Actor, string? Action, string? Outcome, DateTimeOffset? From, DateTimeOffset? To)
{
    private const int MaxLength = 200;

    /// <returns>The filter, or null with the problems added to <paramref name="errors"/>.</returns>
    public static AuditFilter? Parse(string? actor, string? action, string? outcome, string? from, string? to, ValidationErrors errors)
    {
        foreach (var (name, value) in new[] { ("actor", actor), ("action", action), ("outcome", outcome) })
        {
            if (value is { Length: 0 or > MaxLength })
            {
                errors.Add(name, $"{name} must be 1 to {MaxLength} characters.");
            }
        }
        var fromTime = Time("from", from, errors);
        var toTime = Time("to", to, errors);
        if (fromTime > toTime)
        {
            errors.Add("from", "from must not be later than to.");
        }
        return errors.Any ? null : new AuditFilter(actor, action, outcome, fromTime, toTime);
    }

    public void Apply(QueryRequest query)
    {
        var conditions = new List<string>();
        void Equal(string attribute, string? value)
        {
            if (value is not null)
            {
                query.ExpressionAttributeNames[$"#{attribute}"] = attribute;
                query.ExpressionAttributeValues[$":{attribute}"] = new AttributeValue(value);
                conditions.Add($"#{attribute} = :{attribute}");
            }
        }
        Equal(AuditItems.Actor, Actor);
        Equal(AuditItems.Action, Action);
        Equal(AuditItems.Outcome, Outcome);
        if (From is not null || To is not null)
        {
            query.ExpressionAttributeNames["#time"] = AuditItems.Time;
            if (From is { } from)
            {
                query.ExpressionAttributeValues[":from"] = new AttributeValue(Iso(from));
                conditions.Add("#time >= :from");
            }
            if (To is { } to)
            {
                query.ExpressionAttributeValues[":to"] = new AttributeValue(Iso(to));
                conditions.Add("#time < :to");
            }
        }
        if (conditions.Count > 0)
        {
            query.FilterExpression = string.Join(" AND ", conditions);
        }
    }

    // The stored time is UTC in round-trip format, so string order is time order.
    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string name, string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        errors.Add(name, $"{name} must be an ISO 8601 date-time, such as 2026-11-24T08:00:00Z.");
        return null;
    }
}
