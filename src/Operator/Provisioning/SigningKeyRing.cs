using System.Globalization;
using System.Text;
using System.Text.Json;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// A tenant's signing keys: the active key that signs new tokens, and during a rotation the previous one, still
/// published until its overlap window ends so tokens already issued keep working. Its Secret holds these two; the
/// sealed copy (<see cref="ToPayload"/>) also holds the public halves of keys lost before a sealed copy existed.
/// </summary>
internal sealed class SigningKeyRing : IDisposable
{
    private readonly List<LostSigningKey> lost;

    private SigningKeyRing(SigningKey active, DateTimeOffset activeCreated, SigningKey? previous, DateTimeOffset? previousRetires, List<LostSigningKey>? lost = null)
    {
        Active = active;
        ActiveCreated = activeCreated;
        Previous = previous;
        PreviousRetires = previousRetires;
        this.lost = lost ?? [];
    }

    public SigningKey Active { get; private set; }

    public DateTimeOffset ActiveCreated { get; private set; }

    public SigningKey? Previous { get; private set; }

    public DateTimeOffset? PreviousRetires { get; private set; }

    /// <summary>Public halves of lost keys, published until each one's retirement.</summary>
    public IReadOnlyList<LostSigningKey> Lost => lost;

    public static SigningKeyRing New(DateTimeOffset now) => new(SigningKey.Generate(), now, null, null);

    /// <summary>A new key that signs from now, while <paramref name="lostKeys"/> (public only) verify until <paramref name="retires"/>.</summary>
    public static SigningKeyRing ReplacingLost(DateTimeOffset now, IEnumerable<SigningKey> lostKeys, DateTimeOffset retires) =>
        new(SigningKey.Generate(), now, null, null, [.. lostKeys.Select(k => new LostSigningKey(k, retires))]);

    /// <returns>The ring the Secret holds, or null when it holds no key yet.</returns>
    public static SigningKeyRing? FromSecret(IReadOnlyDictionary<string, byte[]>? secret, DateTimeOffset now)
    {
        if (secret is null || !secret.TryGetValue(TenantSecretLayout.SigningKeyPem, out var pem))
        {
            return null;
        }
        var active = SigningKey.FromPem(Encoding.UTF8.GetString(pem));
        // A Secret written before rotation existed has no creation time: its key's age counts from now.
        var created = Time(secret, TenantSecretLayout.SigningKeyCreated) ?? now;
        var previous = secret.TryGetValue(TenantSecretLayout.PreviousSigningKeyPem, out var previousPem)
            ? SigningKey.FromPem(Encoding.UTF8.GetString(previousPem))
            : null;
        return new SigningKeyRing(active, created, previous, previous is null ? null : Time(secret, TenantSecretLayout.PreviousSigningKeyRetires) ?? now);
    }

    /// <summary>Makes a new active key; the old one stays published until <paramref name="retires"/>.</summary>
    public void Rotate(DateTimeOffset now, DateTimeOffset retires)
    {
        Previous?.Dispose();
        Previous = Active;
        PreviousRetires = retires;
        Active = SigningKey.Generate();
        ActiveCreated = now;
    }

    public void RetirePrevious()
    {
        Previous?.Dispose();
        Previous = null;
        PreviousRetires = null;
    }

    /// <summary>Forgets the lost keys whose overlap has ended; returns their ids.</summary>
    public IReadOnlyList<string> RetireLost(DateTimeOffset now)
    {
        var ended = lost.Where(l => now >= l.Retires).ToList();
        foreach (var key in ended)
        {
            lost.Remove(key);
            key.Key.Dispose();
        }
        return [.. ended.Select(l => l.Key.KeyId)];
    }

    /// <summary>
    /// The keys whose tokens verify now: the active one, the previous one within its overlap window, and lost keys
    /// within theirs.
    /// </summary>
    public IEnumerable<SigningKey> Published(DateTimeOffset now) =>
        (Previous is not null && now < PreviousRetires ? [Active, Previous] : (IEnumerable<SigningKey>)[Active])
            .Concat(lost.Where(l => now < l.Retires && l.Key.KeyId != Active.KeyId).Select(l => l.Key));

    public Dictionary<string, byte[]> ToSecret()
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [TenantSecretLayout.SigningKeyPem] = Encoding.UTF8.GetBytes(Active.ExportPrivateKeyPem()),
            [TenantSecretLayout.SigningKeyId] = Encoding.UTF8.GetBytes(Active.KeyId),
            [TenantSecretLayout.SigningKeyCreated] = Encoding.UTF8.GetBytes(ActiveCreated.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (Previous is not null)
        {
            data[TenantSecretLayout.PreviousSigningKeyPem] = Encoding.UTF8.GetBytes(Previous.ExportPrivateKeyPem());
            data[TenantSecretLayout.PreviousSigningKeyId] = Encoding.UTF8.GetBytes(Previous.KeyId);
            data[TenantSecretLayout.PreviousSigningKeyRetires] = Encoding.UTF8.GetBytes(PreviousRetires!.Value.ToString("O", CultureInfo.InvariantCulture));
        }
        return data;
    }

    /// <summary>The whole ring, private keys included, as the JSON that is sealed into the ledger table.</summary>
    public byte[] ToPayload()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(ActiveMember, Active.ExportPrivateKeyPem());
            json.WriteString(ActiveCreatedMember, ActiveCreated);
            if (Previous is not null)
            {
                json.WriteString(PreviousMember, Previous.ExportPrivateKeyPem());
                json.WriteString(PreviousRetiresMember, PreviousRetires!.Value);
            }
            json.WriteStartArray(LostMember);
            foreach (var key in lost)
            {
                var (x, y) = key.Key.PublicCoordinates;
                json.WriteStartObject();
                json.WriteString("x", x);
                json.WriteString("y", y);
                json.WriteString(RetiresMember, key.Retires);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // GetBuffer would hand out the stream's spare capacity too; the copy is exact and the stream is cleared.
        var payload = buffer.ToArray();
        Array.Clear(buffer.GetBuffer());
        return payload;
    }

    /// <exception cref="InvalidOperationException">The payload is not a ring this class wrote.</exception>
    public static SigningKeyRing FromPayload(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var active = SigningKey.FromPem(root.GetProperty(ActiveMember).GetString()!);
            var previous = root.TryGetProperty(PreviousMember, out var previousPem) ? SigningKey.FromPem(previousPem.GetString()!) : null;
            List<LostSigningKey> lostKeys =
            [
                .. root.GetProperty(LostMember).EnumerateArray().Select(l => new LostSigningKey(
                    SigningKey.FromPublicJwk(l.GetProperty("x").GetString()!, l.GetProperty("y").GetString()!),
                    l.GetProperty(RetiresMember).GetDateTimeOffset())),
            ];
            return new SigningKeyRing(
                active,
                root.GetProperty(ActiveCreatedMember).GetDateTimeOffset(),
                previous,
                previous is null ? null : root.GetProperty(PreviousRetiresMember).GetDateTimeOffset(),
                lostKeys);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            // The message names no key material: the payload is never quoted.
            throw new InvalidOperationException("The sealed signing key ring does not hold a ring this operator can read.", e);
        }
    }

    public void Dispose()
    {
        Active.Dispose();
        Previous?.Dispose();
        lost.ForEach(l => l.Key.Dispose());
    }

    private const string ActiveMember = "active";
    private const string ActiveCreatedMember = "activeCreated";
    private const string PreviousMember = "previous";
    private const string PreviousRetiresMember = "previousRetires";
    private const string LostMember = "lost";
    private const string RetiresMember = "retires";

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, byte[]> secret, string key) =>
        secret.TryGetValue(key, out var value)
        && DateTimeOffset.TryParse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;
}
