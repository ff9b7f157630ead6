using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Sensitive;

/// <summary>
/// The PHI of a transaction — payee, memo and each split line's memo — sealed under the user's data key before it is
/// stored, and revealed only on the way out, where a reader's disclosure is audited first. Each ciphertext is bound to
/// its tenant, user, transaction and field, so one copied into another item or field does not open. Whether a stored
/// value is ciphertext is decided by <see cref="Transaction.Sensitive"/> alone, never by the string's shape (a memo may
/// well look like a ciphertext). Amounts, dates, accounts and categories stay in clear: budgets, reports, filters and
/// balances are computed from them in DynamoDB.
/// </summary>
internal sealed class SensitiveFields(TenantCrypto crypto, DisclosureAudit disclosures)
{
    public const string PayeeField = "payee";
    public const string MemoField = "memo";

    /// <summary>The associated data of one field's ciphertext: <c>txn|tenant|user|transaction id|field</c>.</summary>
    public static string Context(string tenantId, string userId, string transactionId, string field) =>
        $"txn|{tenantId}|{userId}|{transactionId}|{field}";

    public static string SplitMemoField(int line) => $"split{line}|memo";

    /// <summary>The copy to store: payee and memos encrypted when the transaction is sensitive; itself otherwise.</summary>
    public async Task<Transaction> SealAsync(Caller caller, Transaction transaction, CancellationToken ct) =>
        transaction.Sensitive
            ? await MapTextAsync(caller, transaction, (text, context) => crypto.EncryptAsync(caller.Tenant, caller.UserId, text, context, ct))
            : transaction;

    /// <summary>
    /// Plain copies of stored (sealed) transactions, in order. With <paramref name="audit"/> the disclosure of the
    /// sensitive ones is recorded first, in one record naming them all, and a record that cannot be written fails the
    /// read: nothing sensitive leaves without its record. Without it, the content stays in the server or goes back to
    /// the writer who just sent it (the answer to a create).
    /// </summary>
    /// <exception cref="DisclosureNotRecordedException">The audit record could not be written.</exception>
    public async Task<IReadOnlyList<Transaction>> RevealAsync(Caller caller, IReadOnlyList<Transaction> transactions, bool audit, CancellationToken ct)
    {
        if (!transactions.Any(t => t.Sensitive))
        {
            return transactions;
        }
        var revealed = new List<Transaction>(transactions.Count);
        foreach (var t in transactions)
        {
            revealed.Add(t.Sensitive ? await MapTextAsync(caller, t, (text, context) => crypto.DecryptAsync(caller.Tenant, caller.UserId, text, context, ct)) : t);
        }
        // After decrypting (a ciphertext that does not open discloses nothing), before anything is sent.
        if (audit)
        {
            await disclosures.RecordAsync(
                caller, [.. transactions.Where(t => t.Sensitive).Select(t => $"{TransactionWrites.Entity}/{t.Id}").Distinct(StringComparer.Ordinal)], ct);
        }
        return revealed;
    }

    /// <inheritdoc cref="RevealAsync(Caller, IReadOnlyList{Transaction}, bool, CancellationToken)"/>
    public async Task<Transaction> RevealAsync(Caller caller, Transaction transaction, bool audit, CancellationToken ct) =>
        (await RevealAsync(caller, [transaction], audit, ct))[0];

    /// <summary>
    /// What the idempotency record fingerprints for a create: a copy whose payee and memos are keyed fingerprints (HMAC
    /// under the tenant's fingerprint key). Most of a request is in clear in the transaction item, so a plain hash of
    /// it could be confirmed against guessed payees and memos; a keyed one cannot. Equal requests still give equal
    /// fingerprints.
    /// </summary>
    public async Task<CreateTransactionRequest> IdempotencyViewAsync(Caller caller, CreateTransactionRequest request, CancellationToken ct)
    {
        async Task<string?> Keyed(string field, string? value) =>
            value is null ? null : "hmac:" + await crypto.FingerprintAsync(caller.Tenant, $"txn-request|{field}|{value}", ct);
        List<SplitLineRequest>? splits = null;
        if (request.Splits is { } lines)
        {
            splits = new List<SplitLineRequest>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                splits.Add(lines[i] with { Memo = await Keyed(SplitMemoField(i), lines[i].Memo) });
            }
        }
        return request with { Payee = await Keyed(PayeeField, request.Payee), Memo = await Keyed(MemoField, request.Memo), Splits = splits };
    }

    private static async Task<Transaction> MapTextAsync(Caller caller, Transaction t, Func<string, string, Task<string>> map)
    {
        async Task<string?> Field(string? value, string field) =>
            value is null ? null : await map(value, Context(caller.TenantId, caller.UserId, t.Id, field));
        List<SplitLine>? splits = null;
        if (t.Splits is { } lines)
        {
            splits = new List<SplitLine>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                splits.Add(lines[i] with { Memo = await Field(lines[i].Memo, SplitMemoField(i)) });
            }
        }
        return t with { Payee = await Field(t.Payee, PayeeField), Memo = await Field(t.Memo, MemoField), Splits = splits };
    }
}
