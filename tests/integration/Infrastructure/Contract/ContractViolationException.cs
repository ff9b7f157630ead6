namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>An exchange that the served OpenAPI document does not describe.</summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException()
    {
    }

    public ContractViolationException(string message) : base(message)
    {
    }

    public ContractViolationException(string message, Exception inner) : base(message, inner)
    {
    }
}
