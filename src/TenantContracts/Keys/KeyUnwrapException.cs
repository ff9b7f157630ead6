namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>A wrapped data key could not be unwrapped: wrong KEK, wrong tenant, or altered bytes.</summary>
public sealed class KeyUnwrapException : Exception
{
    public KeyUnwrapException(string message) : base(message)
    {
    }

    public KeyUnwrapException(string message, Exception inner) : base(message, inner)
    {
    }

    public KeyUnwrapException()
    {
    }
}
