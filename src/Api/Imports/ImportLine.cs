namespace BudgetBuddy.Api.Imports;

/// <summary>A statement line with the import id that makes it importable once (<see cref="ImportIds"/>).</summary>
internal sealed record ImportLine(ImportedRow Row, string ImportId)
{
    /// <summary>
    /// The lines of <paramref name="statement"/> to import, in file order, without those that repeat an earlier line of
    /// the same file (same import id), and how many did.
    /// </summary>
    public static (List<ImportLine> Lines, int RepeatedInFile) Of(ParsedStatement statement)
    {
        var ids = ImportIds.For(statement.Rows);
        var lines = new List<ImportLine>(statement.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statement.Rows.Count; i++)
        {
            if (seen.Add(ids[i]))
            {
                lines.Add(new ImportLine(statement.Rows[i], ids[i]));
            }
        }
        return (lines, statement.Rows.Count - lines.Count);
    }
}
