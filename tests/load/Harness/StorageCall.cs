namespace BudgetBuddy.Load.Harness;

/// <summary>The API's DynamoDB calls of one operation and outcome over a phase, per HTTP request the phase made.</summary>
internal sealed record StorageCall(string Operation, string Outcome, long Calls, double CallsPerRequest, double MeanMs);
