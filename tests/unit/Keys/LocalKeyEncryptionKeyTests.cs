using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.UnitTests.Keys;

public sealed class LocalKeyEncryptionKeyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("budgetbuddy-kek-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_wrapped_data_key_unwraps_for_its_tenant_and_for_no_other()
    {
        var kek = LocalKeyEncryptionKey.LoadOrCreate(Path.Combine(directory, "kek.key"));

        var generated = await kek.GenerateDataKeyAsync("acme", CancellationToken.None);

        Assert.Equal(32, generated.Plaintext.Length);
        Assert.Equal(generated.Plaintext, await kek.UnwrapAsync("acme", generated.Wrapped, CancellationToken.None));
        await Assert.ThrowsAsync<KeyUnwrapException>(() => kek.UnwrapAsync("globex", generated.Wrapped, CancellationToken.None));
    }

    [Fact]
    public async Task An_altered_wrapped_key_or_another_kek_does_not_unwrap()
    {
        var kek = LocalKeyEncryptionKey.LoadOrCreate(Path.Combine(directory, "kek.key"));
        var other = LocalKeyEncryptionKey.LoadOrCreate(Path.Combine(directory, "other.key"));
        var generated = await kek.GenerateDataKeyAsync("acme", CancellationToken.None);
        var altered = (byte[])generated.Wrapped.Clone();
        altered[20] ^= 1;

        await Assert.ThrowsAsync<KeyUnwrapException>(() => kek.UnwrapAsync("acme", altered, CancellationToken.None));
        await Assert.ThrowsAsync<KeyUnwrapException>(() => other.UnwrapAsync("acme", generated.Wrapped, CancellationToken.None));
        await Assert.ThrowsAsync<KeyUnwrapException>(() => kek.UnwrapAsync("acme", generated.Wrapped[..10], CancellationToken.None));
        Assert.NotEqual(kek.Id, other.Id);
    }

    [Fact]
    public void The_key_file_is_made_once_readable_by_its_owner_only_and_then_reused()
    {
        var path = Path.Combine(directory, "nested", "kek.key");

        var first = LocalKeyEncryptionKey.LoadOrCreate(path);
        var second = LocalKeyEncryptionKey.LoadOrCreate(path);

        Assert.Equal(first.Id, second.Id);
        Assert.StartsWith("local:", first.Id, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_key_file_that_is_not_32_bytes_of_base64_is_refused_with_its_path(string content)
    {
        var path = Path.Combine(directory, "bad.key");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidOperationException>(() => LocalKeyEncryptionKey.LoadOrCreate(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_naming_kms_without_a_key_or_an_unknown_provider_are_refused()
    {
        Assert.Contains("KmsKeyId", Assert.Throws<InvalidOperationException>(() =>
            new KeyEncryptionKeyOptions { KeyProvider = KeyEncryptionKeyOptions.Kms }.Create("us-east-1")).Message, StringComparison.Ordinal);
        Assert.Contains("Vault", Assert.Throws<InvalidOperationException>(() =>
            new KeyEncryptionKeyOptions { KeyProvider = "Vault" }.Create("us-east-1")).Message, StringComparison.Ordinal);
    }
}
