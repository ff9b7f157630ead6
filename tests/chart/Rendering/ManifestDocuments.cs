namespace BudgetBuddy.ChartTests.Rendering;

/// <summary>Splits a multi-document YAML stream (as Helm writes it) into the text of each document.</summary>
internal static class ManifestDocuments
{
    public static IEnumerable<string> Split(string yaml)
    {
        var current = new List<string>();
        foreach (var line in yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.TrimEnd() == "---")
            {
                if (current.Count > 0)
                {
                    yield return string.Join('\n', current);
                }
                current.Clear();
                continue;
            }
            current.Add(line);
        }
        if (current.Count > 0)
        {
            yield return string.Join('\n', current);
        }
    }
}
