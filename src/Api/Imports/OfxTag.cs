namespace BudgetBuddy.Api.Imports;

/// <summary>
/// One tag of an OFX file. <paramref name="Name"/> is upper case. For an opening tag, <paramref name="Text"/> is the
/// character data right after it, decoded and trimmed (the value of a leaf element such as <c>&lt;TRNAMT&gt;-12.34</c>),
/// or null when there is none (an aggregate). <paramref name="Line"/> is the 1-based line where the tag starts.
/// </summary>
internal readonly record struct OfxTag(string Name, bool IsClosing, string? Text, int Line);
