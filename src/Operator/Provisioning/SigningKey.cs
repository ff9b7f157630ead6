using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// A tenant's ES256 signing key. Its <see cref="KeyId"/> is the RFC 7638 thumbprint of the public key, so the same
/// key always gets the same <c>kid</c> and a published JWK Set is reproducible byte for byte.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private SigningKey(ECDsa key)
    {
        Key = key;
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        X = Base64Url.EncodeToString(point.X);
        Y = Base64Url.EncodeToString(point.Y);
        // RFC 7638: the required members in lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""";
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public ECDsa Key { get; }

    public string KeyId { get; }

    private string X { get; }

    private string Y { get; }

    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static SigningKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException("The tenant signing key must be a P-256 (ES256) key.");
        }
        return new SigningKey(key);
    }

    /// <summary>
    /// A public key only, from a published JWK's coordinates: a key whose private half is lost can still verify the
    /// tokens it signed while its overlap lasts.
    /// </summary>
    public static SigningKey FromPublicJwk(string x, string y)
    {
        var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(x), Y = Base64Url.DecodeFromChars(y) },
        });
        return new SigningKey(key);
    }

    /// <summary>The public coordinates, as a JWK carries them.</summary>
    public (string X, string Y) PublicCoordinates => (X, Y);

    public string ExportPrivateKeyPem() => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public JWK Set that the registry publishes for the API.</summary>
    public static string JwkSet(IEnumerable<SigningKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in keys)
            {
                json.WriteStartObject();
                json.WriteString("kty", "EC");
                json.WriteString("crv", "P-256");
                json.WriteString("x", key.X);
                json.WriteString("y", key.Y);
                json.WriteString("kid", key.KeyId);
                json.WriteString("use", "sig");
                json.WriteString("alg", TokenContract.Algorithm);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose() => Key.Dispose();
}
