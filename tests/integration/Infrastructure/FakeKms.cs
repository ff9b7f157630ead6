using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// A KMS endpoint for tests, over real HTTP and the AWS JSON 1.1 protocol the SDK speaks: GenerateDataKey and
/// Decrypt of one symmetric key, with encryption contexts enforced as KMS does (Decrypt under another context fails
/// with InvalidCiphertextException). Records every call so tests can see what the SDK sent.
/// </summary>
public sealed class FakeKms : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly byte[] masterKey = RandomNumberGenerator.GetBytes(32);
    private readonly List<JsonObject> calls = [];

    private FakeKms(WebApplication app) => this.app = app;

    public string KeyArn { get; } = $"arn:aws:kms:us-east-1:111122223333:key/{Guid.NewGuid()}";

    public string ServiceUrl => app.BaseUrl();

    /// <summary>Each request's operation (<c>op</c>) and JSON body, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Calls
    {
        get
        {
            lock (calls)
            {
                return [.. calls];
            }
        }
    }

    public static async Task<FakeKms> StartAsync()
    {
        var app = LoopbackServer.Create();
        var kms = new FakeKms(app);
        app.MapPost("/", (Delegate)kms.HandleAsync);
        await app.StartAsync();
        return kms;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var operation = context.Request.Headers["X-Amz-Target"].ToString().Split('.').Last();
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (calls)
        {
            calls.Add(new JsonObject { ["op"] = operation, ["body"] = body.DeepClone() });
        }
        if (body["KeyId"]?.GetValue<string>() != KeyArn)
        {
            return Error("NotFoundException", $"Key '{body["KeyId"]}' does not exist");
        }
        var encryptionContext = Canonical(body["EncryptionContext"]?.AsObject());
        return operation switch
        {
            "GenerateDataKey" => GenerateDataKey(encryptionContext),
            "Decrypt" => Decrypt(Convert.FromBase64String(body["CiphertextBlob"]!.GetValue<string>()), encryptionContext),
            _ => Error("UnsupportedOperationException", $"{operation} is not implemented by the fake"),
        };
    }

    private IResult GenerateDataKey(byte[] context)
    {
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var blob = new byte[12 + 32 + 16];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        using var aes = new AesGcm(masterKey, 16);
        aes.Encrypt(blob.AsSpan(0, 12), plaintext, blob.AsSpan(12, 32), blob.AsSpan(44), context);
        return Json(new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(blob),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["KeyId"] = KeyArn,
        });
    }

    private IResult Decrypt(byte[] blob, byte[] context)
    {
        if (blob.Length != 60)
        {
            return Error("InvalidCiphertextException", "The ciphertext is invalid");
        }
        var plaintext = new byte[32];
        using var aes = new AesGcm(masterKey, 16);
        try
        {
            aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(12, 32), blob.AsSpan(44), plaintext, context);
        }
        catch (AuthenticationTagMismatchException)
        {
            return Error("InvalidCiphertextException", "The ciphertext or its encryption context is invalid");
        }
        return Json(new JsonObject { ["Plaintext"] = Convert.ToBase64String(plaintext), ["KeyId"] = KeyArn, ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT" });
    }

    // KMS binds the context as additional authenticated data; order of the pairs does not matter.
    private static byte[] Canonical(JsonObject? context) =>
        Encoding.UTF8.GetBytes(string.Join('\n', (context ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/x-amz-json-1.1");

    private static IResult Error(string type, string message) =>
        Results.Text(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), "application/x-amz-json-1.1", statusCode: 400);
}
