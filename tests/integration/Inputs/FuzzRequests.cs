using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// Generates invalid requests for one operation: a valid request (real ids, the documented example body) with one
/// part made wrong: a query or path value, a body field, the whole body, its content type, a header, the method, or a
/// real cursor sent with other filters or to another list.
/// </summary>
internal static class FuzzRequests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

    public static Gen<FuzzRequest> For(FuzzOperation operation, FuzzUser user, JsonElement document)
    {
        var (example, exampleType) = ExampleOf(operation, document, user);
        var valid = new FuzzRequest(operation.Method, ValidPath(operation, user), [], example, exampleType, "valid");
        var sites = new List<(int, IGen<FuzzRequest>)> { (1, Gen.Const(valid)), (1, Header(valid)), (1, WrongMethod(valid, example, exampleType)) };
        // Each site is weighted by how much there is to vary in it.
        if (operation.Query.Any())
        {
            sites.Add((4, QueryValue(operation, valid)));
            sites.Add((1, UnknownQuery(valid)));
        }
        if (operation.Query.Any(p => p.Name == "cursor"))
        {
            sites.Add((3, CursorElsewhere(operation, user, valid)));
        }
        if (operation.PathParameters.Any())
        {
            sites.Add((3, PathValue(operation, user, valid)));
        }
        if (example is not null)
        {
            sites.Add((2, WholeBody(valid)));
            sites.Add((1, ContentType(valid)));
        }
        if (operation.Fields.Count > 0 && example is not null && JsonNode.Parse(example) is JsonObject)
        {
            sites.Add((6, Field(operation, valid, example)));
        }
        return Gen.Frequency(sites.ToArray());
    }

    /// <summary>The documented example, its ids replaced by the user's own so that wrong values get past the ownership checks.</summary>
    private static (byte[]? Body, string? ContentType) ExampleOf(FuzzOperation operation, JsonElement document, FuzzUser user)
    {
        if (operation.MediaTypes.Count == 0)
        {
            return (null, null);
        }
        var (body, _) = Security.RequestBodies.For(operation.Source, document);
        if (body is null)
        {
            return (Encoding.UTF8.GetBytes("{}"), operation.MediaTypes[0]);
        }
        if (JsonNode.Parse(body.Text.Length > 0 && body.Text[0] == '{' ? body.Text : "null") is not JsonObject json)
        {
            return (Encoding.UTF8.GetBytes(body.Text), body.MediaType);
        }
        foreach (var (field, id) in new[] { ("accountId", user.Ids["accounts"]), ("transferAccountId", user.Ids["otherAccount"]), ("categoryId", user.Ids["categories"]) })
        {
            if (json[field] is JsonValue)
            {
                json[field] = id;
            }
        }
        return (Encoding.UTF8.GetBytes(json.ToJsonString()), body.MediaType);
    }

    private static string ValidPath(FuzzOperation operation, FuzzUser user) =>
        operation.PathParameters.Aggregate(operation.Path, (path, name) => path.Replace($"{{{name}}}", user.ValidPathValue(operation.Path, name), StringComparison.Ordinal));

    private static Gen<FuzzRequest> QueryValue(FuzzOperation operation, FuzzRequest valid) =>
        Gen.OneOf([.. operation.Query]).SelectMany(parameter =>
            Gen.OneOf(ValuesFor(parameter)).Select(value =>
                valid with { Target = $"{valid.Target}?{parameter.Name}={Uri.EscapeDataString(value)}", Mutation = $"query {parameter.Name}" }));

    private static string[] ValuesFor(FuzzParameter parameter) =>
        parameter.Name is "cursor" or "since" ? InvalidValues.Cursors
        : parameter.Name.EndsWith("Id", StringComparison.Ordinal) ? [.. InvalidValues.PathTexts.Select(Uri.UnescapeDataString), .. InvalidValues.Texts]
        : parameter.Kind == ValueKind.Integer ? [.. InvalidValues.Numbers, .. InvalidValues.Texts]
        : parameter.Kind == ValueKind.Date || parameter.Name is "from" or "to" ? [.. InvalidValues.Dates, .. InvalidValues.Months, .. InvalidValues.Texts]
        : [.. InvalidValues.Texts, .. InvalidValues.Numbers, .. parameter.Enum.Select(v => v.ToUpperInvariant()), .. parameter.Enum.Select(v => $"{v},{v}")];

    private static Gen<FuzzRequest> UnknownQuery(FuzzRequest valid) =>
        Gen.OneOf("zzz=1", "limit=1&limit=2", "cursor=&cursor=x", "=", "&&&", "a[b]=1", "%FF=%FF", "limit").Select(query =>
            valid with { Target = $"{valid.Target}?{query}", Mutation = "unknown query" });

    /// <summary>A real cursor of a list, sent to its own list with other filters or to another list altogether.</summary>
    private static Gen<FuzzRequest> CursorElsewhere(FuzzOperation operation, FuzzUser user, FuzzRequest valid)
    {
        var cursors = user.Cursors.Values.ToArray();
        var filters = new[]
        {
            FuzzUser.CursorFilter, "limit=2", "to=2026-03-01", "from=2026-03-03", "to=2026-03-04", "from=2026-03-02&to=2026-03-02", "to=2026-03",
            $"accountId={user.Ids["accounts"]}", $"accountId={user.Ids["otherAccount"]}", $"categoryId={user.Ids["categories"]}", "actor=x", "outcome=success",
        };
        return Gen.Select(Gen.OneOf(cursors), Gen.OneOf(filters), (cursor, filter) =>
            valid with { Target = $"{operation.Path}?{filter}&cursor={cursor}", Mutation = "cursor with other filters" });
    }

    private static Gen<FuzzRequest> PathValue(FuzzOperation operation, FuzzUser user, FuzzRequest valid) =>
        Gen.OneOf([.. operation.PathParameters]).SelectMany(parameter =>
            Gen.OneOf([.. InvalidValues.PathTexts, .. InvalidValues.Months, .. user.Ids.Values]).Select(value =>
            {
                var path = operation.PathParameters.Aggregate(operation.Path, (p, name) =>
                    p.Replace($"{{{name}}}", name == parameter ? value : user.ValidPathValue(operation.Path, name), StringComparison.Ordinal));
                return valid with { Target = path, Mutation = $"path {parameter}" };
            }));

    private static Gen<FuzzRequest> Field(FuzzOperation operation, FuzzRequest valid, byte[] example)
    {
        var body = JsonNode.Parse(example)!.AsObject();
        return Gen.OneOf([.. operation.Fields]).SelectMany(field =>
        {
            string[] values = field.Kind switch
            {
                ValueKind.Array => [.. InvalidValues.JsonArrays, .. InvalidValues.Json],
                _ when field.Enum.Count > 0 => [.. InvalidValues.Json, .. field.Enum.Select(v => $"\"{v.ToUpperInvariant()}\""), $"\"{string.Join(", ", field.Enum)}\""],
                _ => InvalidValues.Json,
            };
            IGen<FuzzRequest> wrong = Gen.OneOf(values).Select(value => valid with { Body = WithField(body, field.Name, value), Mutation = $"field {field.Name}" });
            IGen<FuzzRequest> missing = Gen.Const(valid with { Body = WithField(body, field.Name, null), Mutation = $"field {field.Name} left out" });
            IGen<FuzzRequest> unknown = Gen.OneOf("id", "balance", "version", "Name", "__proto__", "").Select(name =>
                valid with { Body = WithField(body, name, "1"), Mutation = $"unknown field {name}" });
            return Gen.Frequency((8, wrong), (1, missing), (1, unknown));
        });
    }

    /// <summary>The example with <paramref name="name"/> set to raw JSON text (or left out), written as text so invalid JSON goes out as is.</summary>
    private static byte[] WithField(JsonObject example, string name, string? rawValue)
    {
        var rest = example.DeepClone().AsObject();
        rest.Remove(name);
        var others = rest.ToJsonString();
        var text = rawValue is null ? others
            : others == "{}" ? $"{{{JsonSerializer.Serialize(name)}:{rawValue}}}"
            : $"{{{JsonSerializer.Serialize(name)}:{rawValue},{others[1..]}";
        return Encoding.UTF8.GetBytes(text);
    }

    private static Gen<FuzzRequest> WholeBody(FuzzRequest valid) =>
        Gen.OneOf(InvalidValues.Bodies).Select(body => valid with { Body = body, Mutation = "whole body" });

    private static Gen<FuzzRequest> ContentType(FuzzRequest valid) =>
        Gen.OneOf(InvalidValues.ContentTypes).Select(type => valid with { ContentType = type, Mutation = "content type" });

    private static Gen<FuzzRequest> Header(FuzzRequest valid) =>
        Gen.OneOf(InvalidValues.Headers).Select(header =>
            valid with { Headers = [new(header.Name, header.Value)], Mutation = $"header {header.Name}" });

    private static Gen<FuzzRequest> WrongMethod(FuzzRequest valid, byte[]? example, string? exampleType) =>
        Gen.OneOf(Methods).Select(method => method is "GET" or "DELETE" or "OPTIONS" or "TRACE"
            ? valid with { Method = method, Body = null, ContentType = null, Mutation = "method" }
            : valid with { Method = method, Body = example ?? "{}"u8.ToArray(), ContentType = exampleType ?? "application/json", Mutation = "method" });
}
