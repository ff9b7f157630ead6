using System.Text;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// What the API would have answered, as far as the storage path knows it: the status, and a body with what a client
/// remembers (an id, a cursor) or, for a refusal, why.
/// </summary>
internal readonly record struct StorageAnswer(int Status, byte[] Body)
{
    public static StorageAnswer Ok() => new(200, []);

    public static StorageAnswer Ok(byte[] body) => new(200, body);

    public static StorageAnswer Created(byte[] body) => new(201, body);

    public static StorageAnswer Refused(int status, string detail) => new(status, Encoding.UTF8.GetBytes(detail));
}
