namespace BudgetBuddy.Load.Harness;

/// <summary>The benchmark cannot go on (setup failed, the API is not there): a figure measured on half-made data means nothing.</summary>
internal sealed class BenchmarkFailedException : Exception
{
    public BenchmarkFailedException(string message) : base(message)
    {
    }

    public BenchmarkFailedException(string message, Exception inner) : base(message, inner)
    {
    }

    public BenchmarkFailedException()
    {
    }
}
