using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Keeps each tenant's Secret as files in <c>&lt;root&gt;/&lt;tenant&gt;/</c>, readable only by the owner, for
/// development without Kubernetes.
/// </summary>
public sealed class LocalTenantSecretStore(string root) : ITenantSecretStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<IReadOnlyDictionary<string, byte[]>?> ReadAsync(string tenantId, CancellationToken ct)
    {
        var folder = FolderOf(tenantId);
        if (!Directory.Exists(folder))
        {
            return null;
        }
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            data[Path.GetFileName(file)] = await File.ReadAllBytesAsync(file, ct);
        }
        return data;
    }

    public async Task WriteAsync(string tenantId, IReadOnlyDictionary<string, byte[]> data, CancellationToken ct)
    {
        var folder = FolderOf(tenantId);
        var directory = Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        foreach (var (key, value) in data)
        {
            var path = Path.Combine(folder, key);
            // Write beside and rename, so a crash never leaves a half-written private key behind.
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, value, ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.Move(temporary, path, overwrite: true);
        }
        // The Secret is replaced as a whole, as in Kubernetes: keys no longer in it go.
        foreach (var stale in Directory.EnumerateFiles(folder).Where(f => !data.ContainsKey(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
    }

    private string FolderOf(string tenantId) => Path.Combine(Root, TenantId.Require(tenantId));
}
