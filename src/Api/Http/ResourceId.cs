namespace BudgetBuddy.Api.Http;

/// <summary>
/// Resource ids are time-ordered UUIDv7s in 32 lower-case hex digits, so lists come back in creation order. An id
/// of any other shape cannot exist and is answered 404 without a storage read.
/// </summary>
internal static class ResourceId
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
