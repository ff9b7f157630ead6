using System.Text.Json.Serialization;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Reports;

namespace BudgetBuddy.Api.Json;

internal static class JsonExtensions
{
    /// <summary>Request and response bodies through the source-generated contexts, read strictly.</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ReportsJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(2, EventJsonContext.Default);
            // A misspelt or read-only field is an error, not silently ignored.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = 16;
            // Numbers are JSON numbers: "42" is not an amount (the Web defaults would read it, and the document would
            // have to call every integer "integer or string").
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
}
