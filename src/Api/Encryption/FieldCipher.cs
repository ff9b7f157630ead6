using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// AES-256-GCM of one field under a tenant data key: <c>v1.&lt;key id&gt;.&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;</c>.
/// The key id travels with the ciphertext, so rotation needs no re-encryption. The context (e.g. field, user and item
/// id) is bound as associated data: a ciphertext copied into another item or field no longer decrypts.
/// </summary>
internal static class FieldCipher
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Encrypt(string keyId, byte[] key, string plaintext, string context)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = Seal(key, clear, context);
        CryptographicOperations.ZeroMemory(clear);
        return $"{Version}.{keyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    /// <summary>nonce ‖ ciphertext ‖ tag of <paramref name="clear"/>, for bytes too large to carry as text.</summary>
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> clear, string context)
    {
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), Encoding.UTF8.GetBytes(context));
        return sealedBytes;
    }

    /// <summary>The key id a ciphertext names, or null when it is not a ciphertext of this format.</summary>
    public static string? KeyIdOf(string ciphertext) =>
        ciphertext.Split('.') is [Version, { Length: > 0 } keyId, { Length: > 0 }] ? keyId : null;

    /// <exception cref="CryptographicException">Altered, moved to another context, or not this format.</exception>
    public static string Decrypt(byte[] key, string ciphertext, string context)
    {
        if (ciphertext.Split('.') is not [Version, _, var body])
        {
            throw new CryptographicException("Not a v1 field ciphertext.");
        }
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(body);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The field ciphertext is not base64url.", e);
        }
        return Encoding.UTF8.GetString(Open(key, sealedBytes, context));
    }

    /// <exception cref="CryptographicException">Altered, moved to another context, or too short.</exception>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes, string context)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The ciphertext is too short.");
        }
        var length = sealedBytes.Length - NonceSize - TagSize;
        var clear = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, length), sealedBytes[(NonceSize + length)..], clear, Encoding.UTF8.GetBytes(context));
        return clear;
    }
}
