using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// A tenant's events are kept in <see cref="Count"/> shards, each a log with its own gap-free sequence written by the
/// one pod holding that shard's lease. A user belongs to one shard, so the user's events keep commit order; shards let
/// several pods project and deliver one busy tenant's events side by side.
/// </summary>
internal static class EventShards
{
    /// <summary>Fixed: a user's shard must not move, or order across the move would be lost.</summary>
    public const int Count = 8;

    public static int Of(string userId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % Count);
    }

    public static IEnumerable<int> All => Enumerable.Range(0, Count);
}
