using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Operability;

public sealed class OperabilityTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("ops");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metrics_expose_request_durations_by_route_and_dynamodb_call_durations_by_operation()
    {
        var client = await api.ClientAsync("ops", "alice");
        await (await client.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        var metrics = await (await api.Client().GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("http_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/v1/accounts/\"", metrics, StringComparison.Ordinal);
        Assert.Contains("budgetbuddy_dynamodb_call_duration_seconds_bucket{operation=\"Query\",outcome=\"ok\"", metrics, StringComparison.Ordinal);
        Assert.Contains("budgetbuddy_dynamodb_call_duration_seconds_bucket{operation=\"GetItem\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_with_examples_and_the_bearer_scheme()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (path, verbs) in new[]
        {
            ("/v1/accounts", new[] { "get", "post" }),
            ("/v1/accounts/{id}", new[] { "get", "patch", "delete" }),
            ("/v1/accounts/{id}/import", new[] { "post" }),
            ("/v1/categories", new[] { "get", "post" }),
            ("/v1/categories/{id}", new[] { "get", "patch", "delete" }),
            ("/v1/transactions", new[] { "get", "post" }),
            ("/v1/transactions/{id}", new[] { "get", "patch", "delete" }),
            ("/v1/budgets/{month}", new[] { "get" }),
            ("/v1/budgets/{month}/categories/{categoryId}", new[] { "put" }),
            ("/v1/settings", new[] { "get", "patch" }),
            ("/v1/changes", new[] { "get" }),
            ("/v1/export", new[] { "get" }),
            ("/v1/reports/spending", new[] { "get" }),
            ("/v1/reports/income-expense", new[] { "get" }),
            ("/v1/reports/net-worth", new[] { "get" }),
            ("/v1/cards", new[] { "get", "post" }),
            ("/v1/cards/{id}", new[] { "get", "delete" }),
            ("/v1/audit", new[] { "get" }),
            ("/v1/audit/verify", new[] { "get" }),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is not documented");
            foreach (var verb in verbs)
            {
                Assert.True(operations.TryGetProperty(verb, out var operation), $"{verb} {path} is not documented");
                Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{verb} {path} has no summary");
                var bodies = new List<JsonElement>();
                if (operation.TryGetProperty("requestBody", out var request) && request.GetProperty("content").TryGetProperty("application/json", out var requestJson))
                {
                    bodies.Add(requestJson);
                }
                foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var responseJson) && responseJson.TryGetProperty("schema", out _))
                    {
                        bodies.Add(responseJson);
                    }
                }
                foreach (var body in bodies)
                {
                    // One schema, or one of several (the spending report's two row shapes).
                    var schemaOfBody = body.GetProperty("schema");
                    var references = schemaOfBody.TryGetProperty("oneOf", out var choices)
                        ? choices.EnumerateArray().Select(c => c.GetProperty("$ref").GetString()!).ToList()
                        : [schemaOfBody.GetProperty("$ref").GetString()!];
                    foreach (var reference in references)
                    {
                        var schema = schemas.GetProperty(reference["#/components/schemas/".Length..]);
                        Assert.True(schema.TryGetProperty("examples", out _), $"{verb} {path}: {reference} has no example");
                    }
                }
            }
        }
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_api_reference_is_browsable_at_docs()
    {
        var response = await api.Client().GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Responses_are_compressed_when_the_client_accepts_it(string encoding)
    {
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var raw = new HttpClient(handler) { BaseAddress = api.Client().BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
    }
}
