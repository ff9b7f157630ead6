using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>An OTLP/HTTP endpoint that accepts every export and remembers which signal paths were posted to.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOtlpCollector(WebApplication app) => this.app = app;

    public ConcurrentBag<string> Posts { get; } = [];

    public string Endpoint => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
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
