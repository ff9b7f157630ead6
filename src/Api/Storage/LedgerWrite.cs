using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// One write of a ledger commit, named for what it is (e.g. "import claim"): a failed condition is reported by that
/// name (<see cref="LedgerWriteConflict.FailedWrite"/>), so what a failure means does not hang on the write's position.
/// </summary>
internal sealed record LedgerWrite(string Name, TransactWriteItem Item);
