using System.Text.Json;

namespace BudgetBuddy.Operator.Tenants.Validation;

/// <summary>
/// A rule across fields of one object: the CRD states it in CEL, the operator in C#. The message is the CRD rule's
/// message, word for word, so both tell the engineer the same thing (and a test can pair them).
/// </summary>
internal sealed record CrossFieldRule(string Message, Func<JsonElement, bool> Holds);
