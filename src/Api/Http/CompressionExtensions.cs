using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace BudgetBuddy.Api.Http;

internal static class CompressionExtensions
{
    /// <summary>Brotli or gzip at their fastest level, problems included.</summary>
    public static IServiceCollection AddApiCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
