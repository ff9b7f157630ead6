namespace BudgetBuddy.Api.Erasure;

/// <summary>Wiring of erasure: the records, the runner, and the erasers it runs (the user's ledger partition first).</summary>
internal static class ErasureExtensions
{
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddSingleton<Erasures>();
        services.AddSingleton<ItemDeleter>();
        services.AddSingleton<ErasureRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ErasureRunner>());
        services.AddSingleton<IUserDataEraser, UserPartitionEraser>();
        return services;
    }
}
