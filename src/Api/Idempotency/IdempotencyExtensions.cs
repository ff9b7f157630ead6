namespace BudgetBuddy.Api.Idempotency;

internal static class IdempotencyExtensions
{
    /// <summary>Replay of a POST's stored answer under its <c>Idempotency-Key</c>, kept for <see cref="ApiOptions.IdempotencyRetention"/>.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services) =>
        services.AddSingleton<IdempotentCreator>();
}
