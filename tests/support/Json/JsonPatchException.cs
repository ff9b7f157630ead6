namespace BudgetBuddy.TestSupport.Json;

/// <summary>A JSON patch that is malformed, or well formed but does not apply to the document.</summary>
public sealed class JsonPatchException : Exception
{
    public JsonPatchException()
    {
    }

    public JsonPatchException(string message)
        : base(message)
    {
    }

    public JsonPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private JsonPatchException(string message, bool isMalformed)
        : base(message) => IsMalformed = isMalformed;

    /// <summary>True when the patch itself is wrong (not an array of operations, a missing field); false when it is
    /// well formed but a path is missing, an index out of bounds or a test failed.</summary>
    public bool IsMalformed { get; }

    internal static JsonPatchException Malformed(string message) => new(message, isMalformed: true);

    internal static JsonPatchException DoesNotApply(string message) => new(message, isMalformed: false);
}
