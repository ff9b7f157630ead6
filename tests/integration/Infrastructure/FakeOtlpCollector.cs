using System.Collections.Concurrent;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>An OTLP/HTTP endpoint that accepts every export and remembers which signal paths were posted to.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOtlpCollector(WebApplication app) => this.app = app;

    public ConcurrentBag<string> Posts { get; } = [];

    public string Endpoint => app.BaseUrl();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var app = LoopbackServer.Create();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/{**signal}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            collector.Posts.Add(request.Path);
            return Results.Ok();
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
