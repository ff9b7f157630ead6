namespace BudgetBuddy.Api.Storage;

/// <summary>So many writes of one user raced that this one could not commit in time; the client should retry.</summary>
internal sealed class LedgerBusyException(string message) : Exception(message);
