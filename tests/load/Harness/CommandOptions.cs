using System.CommandLine;
using System.Globalization;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Harness;

/// <summary>Options and validators every benchmark command shares.</summary>
internal static class CommandOptions
{
    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    /// <summary>A required http(s) URL option, e.g. <c>--dynamodb</c>.</summary>
    public static Option<string> HttpUrl(string name, string description, string example)
    {
        var option = new Option<string>(name) { Description = description, Required = true };
        option.Validators.Add(r =>
        {
            if (!IsHttpUrl(r.GetValueOrDefault<string>()))
            {
                r.AddError($"{name} must be an http(s) URL, e.g. {example}.");
            }
        });
        return option;
    }

    /// <summary><c>--table-prefix</c>: the prefix of the API under test, read from the same variable the API reads.</summary>
    public static Option<string> ApiTablePrefix() => new("--table-prefix")
    {
        Description = "Table prefix the API uses (env DynamoDb__TablePrefix).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DynamoDb__TablePrefix") ?? TenantTables.DefaultPrefix,
    };

    /// <summary>
    /// <c>--dynamodb-max-connections</c>: the API's connection limit to DynamoDB, read from the same variable the API
    /// reads, so the raw storage path sends its calls through the same number of connections.
    /// </summary>
    public static Option<int?> ApiDynamoDbMaxConnections()
    {
        var option = new Option<int?>("--dynamodb-max-connections")
        {
            Description = "Connections to DynamoDB at most, as the API's (env DynamoDb__MaxConnections); unset means no limit.",
            DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("DynamoDb__MaxConnections"), CultureInfo.InvariantCulture, out var limit) ? limit : null,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--dynamodb-max-connections must be at least 1.");
            }
        });
        return option;
    }

    public static Option<string> ResultsDir() => new("--results-dir")
    {
        Description = "Where the JSON results go (default: tests/load/results of the repository).",
        DefaultValueFactory = _ => DefaultResultsDir(),
    };

    /// <summary><c>--cpu-of NAME=PGID</c>, repeatable.</summary>
    public static Option<string[]> CpuOf()
    {
        var option = new Option<string[]>("--cpu-of")
        {
            Description = "NAME=PGID: report the CPU share of that process group under NAME (repeatable), e.g. --cpu-of api=1234 --cpu-of dynamodb=1200.",
        };
        option.Validators.Add(r =>
        {
            foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (ParseGroup(value) is null)
                {
                    r.AddError($"--cpu-of takes NAME=PGID, got '{value}'.");
                }
            }
        });
        return option;
    }

    // A name given twice keeps its last process group.
    public static Dictionary<string, int> WatchedGroups(string[]? values)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, group) in (values ?? []).Select(ParseGroup).OfType<(string Name, int Group)>())
        {
            groups[name] = group;
        }
        return groups;
    }

    private static (string Name, int Group)? ParseGroup(string value) =>
        value.Split('=', 2) is [{ Length: > 0 } name, var pgid] && int.TryParse(pgid, CultureInfo.InvariantCulture, out var group) && group > 0
            ? (name, group)
            : null;

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // The repository's tests/load/results, found from the working directory, so `dotnet run` from anywhere inside works.
    public static string DefaultResultsDir()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBuddy.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "load", "results");
            }
        }
        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
