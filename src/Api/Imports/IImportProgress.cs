using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Records how far an import got in the same transaction as each batch, so progress and the lines it counts commit
/// together: a job resumed after a crash starts exactly where its last batch ended and counts nothing twice.
/// </summary>
internal interface IImportProgress
{
    /// <summary>
    /// The write that records: every line before <paramref name="next"/> is settled, <paramref name="imported"/> more
    /// were imported and <paramref name="duplicates"/> more found imported before. Its condition failing means the
    /// import is no longer this worker's to run (<see cref="ImportStop.Superseded"/>).
    /// </summary>
    TransactWriteItem Record(int next, int imported, int duplicates);
}
