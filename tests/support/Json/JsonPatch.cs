using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.Json;

/// <summary>
/// JSON Patch (RFC 6902) over JSON Pointers (RFC 6901): add, remove, replace, move, copy and test. The fake API
/// server applies it to PATCH requests, and skaffold profiles' patches are read with it. Wording of the errors
/// follows the Kubernetes API server, which answers a malformed patch with 400 and one that does not apply with 422.
/// </summary>
public static class JsonPatch
{
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw JsonPatchException.Malformed("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || (string?)op["op"] is not { } name || (string?)op["path"] is not { } path)
            {
                throw JsonPatchException.Malformed($"invalid JSON patch operation: {operation?.ToJsonString()}");
            }

            switch (name)
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var moveFrom = From(op);
                    if (path.StartsWith(moveFrom + "/", StringComparison.Ordinal))
                    {
                        throw Unprocessable($"move operation: cannot move {moveFrom} into its own child {path}");
                    }

                    Add(root, path, Remove(root, moveFrom));
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw Unprocessable($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw JsonPatchException.Malformed($"Unexpected kind: {name}");
            }
        }

        var result = root["doc"];
        root.Remove("doc");
        return result;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw JsonPatchException.Malformed("missing value in JSON patch operation");

    private static string From(JsonObject op) =>
        (string?)op["from"] ?? throw JsonPatchException.Malformed("missing from in JSON patch operation");

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
            JsonArray array when Index(array, token, allowEnd: false) is var index => array[index],
            _ => throw Unprocessable($"missing value at {path}"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(token);
                obj[token] = value;
                break;
            case JsonArray array:
                var index = Index(array, token, allowEnd: true);
                array.Insert(index, value);
                break;
            default:
                throw Unprocessable($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                obj.Remove(token);
                return child;
            case JsonArray array:
                var index = Index(array, token, allowEnd: false);
                var element = array[index];
                array.RemoveAt(index);
                return element;
            default:
                throw Unprocessable($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    // The container that holds the pointer's last token; the document sits under "doc" so "" addresses it too.
    private static (JsonNode? Parent, string Token) Parent(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw JsonPatchException.Malformed($"JSON pointer must be empty or start with a \"/\": {path}");
        }

        var tokens = new List<string> { "doc" };
        if (path.Length > 0)
        {
            tokens.AddRange(path[1..].Split('/').Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
        }

        JsonNode? node = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array => array[Index(array, token, allowEnd: false)],
                _ => null,
            };
        }

        return (node, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, bool allowEnd)
    {
        if (allowEnd && token == "-")
        {
            return array.Count;
        }

        if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            || index > array.Count || (!allowEnd && index == array.Count))
        {
            throw Unprocessable($"array index {token} is out of bounds");
        }

        return index;
    }

    private static JsonPatchException Unprocessable(string message) => JsonPatchException.DoesNotApply(message);
}
