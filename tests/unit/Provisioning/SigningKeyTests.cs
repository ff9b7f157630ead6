using System.Text.Json;
using BudgetBuddy.Operator.Provisioning;

namespace BudgetBuddy.UnitTests.Provisioning;

public sealed class SigningKeyTests
{
    [Fact]
    public void A_key_reloaded_from_its_pem_keeps_its_key_id()
    {
        using var key = SigningKey.Generate();
        using var reloaded = SigningKey.FromPem(key.ExportPrivateKeyPem());
        Assert.Equal(key.KeyId, reloaded.KeyId);
    }

    [Fact]
    public void Different_keys_have_different_key_ids()
    {
        using var a = SigningKey.Generate();
        using var b = SigningKey.Generate();
        Assert.NotEqual(a.KeyId, b.KeyId);
    }

    [Fact]
    public void The_published_jwk_set_holds_the_public_part_only()
    {
        using var key = SigningKey.Generate();
        using var document = JsonDocument.Parse(SigningKey.JwkSet([key]));

        var jwk = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.Equal("ES256", jwk.GetProperty("alg").GetString());
        Assert.Equal(key.KeyId, jwk.GetProperty("kid").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
    }

    [Fact]
    public void The_key_id_is_the_rfc_7638_thumbprint()
    {
        using var key = SigningKey.Generate();
        var jwk = new Microsoft.IdentityModel.Tokens.JsonWebKey(
            JsonDocument.Parse(SigningKey.JwkSet([key])).RootElement.GetProperty("keys")[0].GetRawText());
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.KeyId);
    }

    [Fact]
    public void A_key_that_is_not_p256_is_refused()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        Assert.Throws<InvalidOperationException>(() => SigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
    }
}
