using System.IO.Compression;
using System.Text.Json.Serialization;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Compliance;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Imports;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.LoadShedding;
using BudgetBuddy.Api.OpenApi;
using BudgetBuddy.Api.Operability;
using BudgetBuddy.Api.Phi;
using BudgetBuddy.Api.RateLimiting;
using BudgetBuddy.Api.Security;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.ResponseCompression;
using Prometheus;
using Scalar.AspNetCore;

namespace BudgetBuddy.Api;

/// <summary>The cross-cutting defaults of the API, in one place: JSON, problems, limits, compression, health, metrics, docs.</summary>
internal static class ApiDefaults
{
    private static readonly System.Text.UTF8Encoding RequestHeaderText = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        services.AddSingleton(TimeProvider.System);

        builder.AddTelemetry();
        // The .NET meters (Kestrel, HttpClient, ASP.NET Core) on no dashboard or alert: their adapter took ~3 % of the
        // API's CPU under load. Request durations come from UseHttpMetrics; process metrics and event counters stay.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes;
            // Header bytes that are not UTF-8 would make Kestrel refuse the request with an empty 400 before any
            // middleware runs (no problem body, no security headers). Decoded as U+FFFD they reach the API, whose
            // header checks (Idempotency-Key, If-Match, the bearer token) answer with a problem naming the header.
            k.RequestHeaderEncodingSelector = _ => RequestHeaderText;
            // What Kestrel still refuses itself (an escaped NUL in the path) is answered as a problem all the same.
            k.ConfigureEndpointDefaults(listen => listen.Use(next =>
            {
                var rejections = listen.ApplicationServices.GetRequiredService<RejectedRequests>();
                return connection => rejections.OnConnectionAsync(connection, next);
            }));
        });
        services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(25);
            // Background services handle storage failures themselves (log, back off, carry on), so what still escapes
            // one is a defect that has left it dead. Stopping the pod, for Kubernetes to restart, beats one that serves
            // on with its audit chaining gone quiet.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, Reports.ReportsJsonContext.Default);
            // A misspelt or read-only field is an error, not silently ignored.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = 16;
            // Numbers are JSON numbers: "42" is not an amount (the Web defaults would read it, and the document would
            // have to call every integer "integer or string").
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Binding failures throw, so ProblemExceptionHandler can name the bad field instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHttpHardening(api);
        services.AddCallerRateLimits(builder.Configuration);
        services.AddLoadShedding(builder.Configuration);

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddSchemaTransformer<ExampleSchemaTransformer>();
            o.AddDocumentTransformer<ContractDocumentTransformer>();
        });
        services.AddActuatorHealth();

        services.AddDynamoDbStorage(builder.Configuration);
        services.AddSingleton<UserItems>();
        services.AddSingleton<UserWriteGate>();
        services.AddSingleton<ChangeLogHeads>();
        services.AddSingleton<LedgerCommitter>();
        services.AddSingleton<VersionedItems>();
        services.AddSingleton<IdempotentCreator>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<CategoryStore>();
        services.AddSingleton<Changes.ChangeFeed>();
        services.AddSingleton<Transactions.TransactionReferences>();
        services.AddSingleton<Transactions.TransactionCreatePlanner>();
        services.AddSingleton<Transactions.TransactionEditPlanner>();
        services.AddSingleton<Transactions.TransactionEditor>();
        services.AddSingleton<Transactions.TransactionQueries>();
        services.AddSingleton<Settings.SettingsStore>();
        services.AddSingleton<Budgets.BudgetBuckets>();
        services.AddSingleton<Budgets.BudgetInputsReader>();
        services.AddImports(builder.Configuration);
        services.AddBreachDetection(builder.Configuration);
        services.AddSingleton<Exports.UserDataPages>();
        services.AddAuditTrail();
        services.AddTenantEncryption(builder.Configuration);
        services.AddSingleton<Cards.CardStore>();
        services.AddComplianceReport(builder.Configuration);
        services.AddSensitiveData();
        return builder;
    }

    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseHttpHardening();
        app.UseLoadShedding();
        app.UseResponseCompression();
        app.UseAuditTrail();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuditedRoutes();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authorization: the limits are the caller's user and tenant
        app.UseBreachDetection();

        app.MapActuatorHealth();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("BudgetBuddy API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app;
    }
}
