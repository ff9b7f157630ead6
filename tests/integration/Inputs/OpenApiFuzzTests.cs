using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using CsCheck;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// Property: whatever invalid input reaches any operation of the served OpenAPI document, the API answers without a
/// 5xx, every 4xx is an RFC 9457 problem, and no answer takes more than a few seconds. The caller is a real user
/// with data and every scope, so requests get past authentication to validation and storage.
/// </summary>
public sealed class OpenApiFuzzTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const string Tenant = "fuzz";
    private const int RequestsPerOperation = 75;

    /// <summary>Generous: this is a bound for a hang or a runaway loop, not a latency target.</summary>
    private static readonly TimeSpan SlowestAnswer = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, int> statuses = new();
    private int sent;

    [Fact]
    public async Task No_invalid_input_to_any_documented_operation_gets_a_5xx_a_bare_4xx_or_a_slow_answer()
    {
        await api.ProvisionAsync(Tenant);
        var token = await api.TokenAsync(new TokenSpec(Tenant, "fuzzer") { Scopes = [Scopes.BudgetRead, Scopes.BudgetWrite, Scopes.AuditRead, Scopes.Admin] });
        using var setup = api.Client(token);
        using var documentResponse = await setup.GetAsync("/openapi/v1.json");
        var document = await documentResponse.ExpectAsync(HttpStatusCode.OK);
        var operations = FuzzOperation.ReadAll(document);
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations in the document");
        var user = await FuzzUser.CreateAsync(setup, operations);
        using var client = RawClient(setup.BaseAddress!, token);

        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        foreach (var operation in operations)
        {
            try
            {
                await FuzzRequests.For(operation, user, document).SampleAsync(
                    request => SendAndCheckAsync(client, request), iter: RequestsPerOperation, threads: 4, print: r => r.ToString());
            }
            catch (CsCheckException failure)
            {
                failures.Add($"{operation}: {failure.InnerException?.Message}\n{failure.Message}");
            }
        }
        clock.Stop();

        output.WriteLine($"Fuzzed {operations.Count} operations with {sent} requests in {clock.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine("Answers by status: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));
        Assert.True(sent >= operations.Count * RequestsPerOperation, $"only {sent} requests were sent");
    }

    /// <summary>
    /// A client that sends what it is given: non-ASCII header values go out as single Latin-1 bytes (HttpClient would
    /// refuse them), nothing is decompressed or redirected.
    /// </summary>
    private static HttpClient RawClient(Uri server, string token)
    {
        var handler = new SocketsHttpHandler
        {
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task SendAndCheckAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Target);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            // Content-Encoding and the like belong to the content in HttpClient's model: an empty one when there is no body.
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                Assert.True(message.Content.Headers.TryAddWithoutValidation(name, value), $"cannot send header {name}");
            }
        }

        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        Interlocked.Increment(ref sent);

        var status = (int)response.StatusCode;
        statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        string Answer() => $"answered {status} {mediaType} in {clock.ElapsedMilliseconds} ms: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)))}";
        if (status >= 500)
        {
            throw new InvalidOperationException($"5xx: {Answer()}");
        }
        if (status is >= 400 and < 500 && mediaType != "application/problem+json")
        {
            throw new InvalidOperationException($"4xx that is no problem: {Answer()}");
        }
        if (clock.Elapsed > SlowestAnswer)
        {
            throw new InvalidOperationException($"slower than {SlowestAnswer.TotalSeconds} s: {Answer()}");
        }
    }
}
