using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// The import id that makes a statement line importable once: the bank's own id (OFX FITID) when there is one,
/// else a hash of the line's date, amount, payee and memo plus how many identical lines came before it in the file,
/// so two genuine coffees on one day both import, and importing the file again adds neither.
/// </summary>
internal static class ImportIds
{
    public static IReadOnlyList<string> For(IReadOnlyList<ImportedRow> rows)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            if (row.ExternalId is { Length: > 0 and <= TransactionValidation.MaxImportIdLength } external && !external.Any(char.IsControl))
            {
                ids.Add(external);
                continue;
            }
            var content = string.Join('\u001f',
                row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.Amount.ToString(CultureInfo.InvariantCulture),
                row.Payee ?? "",
                row.Memo ?? "",
                row.ExternalId ?? "");
            var seen = occurrences.GetValueOrDefault(content);
            occurrences[content] = seen + 1;
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{content}\u001f{seen}"));
            ids.Add("h:" + Convert.ToHexStringLower(hash)[..40]);
        }
        return ids;
    }
}
