using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// A Dockerfile read the way BuildKit's parser reads one, as far as the tests need: comment lines dropped (inside
/// continuations too), backslash continuations joined, instructions grouped into stages by FROM. Enough to check the
/// image's properties on a machine without a Docker engine.
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage this[string name] =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"the Dockerfile has no stage named '{name}'");

    /// <summary>The chain of stages a stage builds on, itself first, ending at the one FROM an external image.</summary>
    public IEnumerable<Stage> Lineage(Stage stage)
    {
        for (var current = stage; current is not null; current = Stages.SingleOrDefault(s => s.Name == current.Image))
        {
            yield return current;
        }
    }

    public static Dockerfile Parse(string text)
    {
        var stages = new List<Stage>();
        List<Instruction>? instructions = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                instructions = [];
                stages.Add(Stage.From(instruction, instructions));
            }
            else
            {
                (instructions ?? throw new FormatException($"'{instruction.Keyword}' before the first FROM")).Add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    private static IEnumerable<Instruction> Instructions(string text)
    {
        var logical = "";
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#') || (line.Length == 0 && logical.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                logical += line[..^1] + " ";
                continue;
            }
            logical += line;
            if (logical.Trim().Length > 0)
            {
                var parts = logical.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                yield return new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
            }
            logical = "";
        }
    }

    /// <summary>One build stage: its FROM and the instructions after it, in order.</summary>
    public sealed record Stage(string Image, string? Name, string? Platform, IReadOnlyList<Instruction> Instructions)
    {
        internal static Stage From(Instruction from, IReadOnlyList<Instruction> instructions)
        {
            var (flags, rest) = from.SplitFlags();
            var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = words is [_, var keyword, var alias] && keyword.Equals("AS", StringComparison.OrdinalIgnoreCase) ? alias : null;
            return new Stage(words[0], name, flags.GetValueOrDefault("platform"), instructions);
        }

        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

        public Instruction? Last(string keyword) => All(keyword).LastOrDefault();
    }

    /// <summary>One instruction: its keyword in upper case and the rest of its (joined) lines.</summary>
    public sealed record Instruction(string Keyword, string Arguments)
    {
        /// <summary>Leading <c>--name=value</c> flags, and what follows them.</summary>
        public (IReadOnlyDictionary<string, string> Flags, string Remainder) SplitFlags()
        {
            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            var rest = Arguments;
            for (var match = FlagPattern().Match(rest); match.Success; match = FlagPattern().Match(rest))
            {
                flags[match.Groups["name"].Value] = match.Groups["value"].Value;
                rest = rest[match.Length..];
            }
            return (flags, rest.Trim());
        }

        /// <summary>The JSON array of an exec-form instruction (after its flags), or null for the shell form.</summary>
        public IReadOnlyList<string>? ExecForm(string? after = null)
        {
            var rest = SplitFlags().Remainder;
            if (after is not null)
            {
                if (!rest.StartsWith(after + " ", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                rest = rest[after.Length..].Trim();
            }
            if (!rest.StartsWith('['))
            {
                return null;
            }
            try
            {
                return JsonSerializer.Deserialize<string[]>(rest);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    [GeneratedRegex(@"^\s*--(?<name>[a-z-]+)(=(?<value>\S*))?\s*")]
    private static partial Regex FlagPattern();
}
