using System.Security.Cryptography;
using System.Text;

namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// A KEK kept in a local file, for development and tests: 32 random bytes, base64, readable by its owner only.
/// Data keys are wrapped with AES-256-GCM under it, with the tenant id as associated data. The file is created on
/// first use when missing, so a fresh checkout needs no set-up; the operator and the API must read the same file.
/// </summary>
public sealed class LocalKeyEncryptionKey : IKeyEncryptionKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private readonly byte[] key;

    private LocalKeyEncryptionKey(byte[] key)
    {
        this.key = key;
        Id = "local:" + Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string Id { get; }

    /// <summary>Reads the key file, creating it with a new random key when it does not exist.</summary>
    public static LocalKeyEncryptionKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Created exclusively (O_EXCL): of two creators at once, processes or threads of one, exactly one writes
            // the key and the other reads it. A move into place would not do: .NET's no-overwrite move is a check and
            // a rename, so both could "win" with different keys.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another creator won; its key is read below, once it has written it all.
            }
        }
        return FromBase64(ReadWhole(path), path);
    }

    /// <summary>The file's text once a key's worth is there: a creator racing this reader may still be writing it.</summary>
    private static string ReadWhole(string path)
    {
        var whole = Convert.ToBase64String(new byte[KeySize]).Length;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length >= whole || attempt == 50)
                {
                    return text;
                }
            }
            catch (IOException) when (attempt < 50)
            {
                // Still held by its creator.
            }
            Thread.Sleep(20);
        }
    }

    /// <summary>A KEK from its base64 text, e.g. a mounted Secret's value.</summary>
    public static LocalKeyEncryptionKey FromBase64(string base64, string source = "the key")
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{source} is not base64.", e);
        }
        return bytes.Length == KeySize ? new LocalKeyEncryptionKey(bytes) : throw new InvalidOperationException($"{source} must hold {KeySize} bytes, not {bytes.Length}.");
    }

    public Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, CancellationToken ct) => GenerateDataKeyAsync(tenantId, WrappedKeyUse.DataKey, ct);

    public Task<byte[]> UnwrapAsync(string tenantId, byte[] wrapped, CancellationToken ct) => UnwrapAsync(tenantId, WrappedKeyUse.DataKey, wrapped, ct);

    public Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, WrappedKeyUse use, CancellationToken ct)
    {
        var plaintext = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = new byte[NonceSize + KeySize + TagSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), Context(tenantId, use));
        return Task.FromResult(new GeneratedDataKey(plaintext, wrapped));
    }

    public Task<byte[]> UnwrapAsync(string tenantId, WrappedKeyUse use, byte[] wrapped, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (wrapped.Length != NonceSize + KeySize + TagSize)
        {
            throw new KeyUnwrapException($"A wrapped data key of {wrapped.Length} bytes was not made by {Id}.");
        }
        var plaintext = new byte[KeySize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), plaintext, Context(tenantId, use));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyUnwrapException($"The data key does not unwrap under {Id} for tenant {tenantId}: another KEK, another tenant, or altered bytes.", e);
        }
        return Task.FromResult(plaintext);
    }

    private static byte[] Context(string tenantId, WrappedKeyUse use) =>
        Encoding.UTF8.GetBytes((use == WrappedKeyUse.DataKey ? "budgetbuddy-data-key:" : "budgetbuddy-signing-keys-key:") + TenantId.Require(tenantId));
}
