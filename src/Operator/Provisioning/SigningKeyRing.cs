using System.Globalization;
using System.Text;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// A tenant's signing keys as its Secret holds them: the active key that signs new tokens, and during a rotation
/// the previous one, still published until its overlap window ends so tokens already issued keep working.
/// </summary>
internal sealed class SigningKeyRing : IDisposable
{
    private SigningKeyRing(SigningKey active, DateTimeOffset activeCreated, SigningKey? previous, DateTimeOffset? previousRetires)
    {
        Active = active;
        ActiveCreated = activeCreated;
        Previous = previous;
        PreviousRetires = previousRetires;
    }

    public SigningKey Active { get; private set; }

    public DateTimeOffset ActiveCreated { get; private set; }

    public SigningKey? Previous { get; private set; }

    public DateTimeOffset? PreviousRetires { get; private set; }

    public static SigningKeyRing New(DateTimeOffset now) => new(SigningKey.Generate(), now, null, null);

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

    /// <summary>The keys whose tokens verify now: the active one, and the previous one within its overlap window.</summary>
    public IEnumerable<SigningKey> Published(DateTimeOffset now) =>
        Previous is not null && now < PreviousRetires ? [Active, Previous] : [Active];

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

    public void Dispose()
    {
        Active.Dispose();
        Previous?.Dispose();
    }

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, byte[]> secret, string key) =>
        secret.TryGetValue(key, out var value)
        && DateTimeOffset.TryParse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;
}
