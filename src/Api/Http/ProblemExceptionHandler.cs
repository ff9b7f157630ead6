using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Http;

/// <summary>
/// Turns exceptions into RFC 9457 problems: what the client got wrong (malformed JSON, wrong types, oversized
/// bodies, unparsable query values) becomes a 4xx naming the field; storage trouble becomes a 503 with Retry-After;
/// anything else a 500 that carries no stack trace or internal detail.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "Request body too large", "The request body exceeds the size limit of this API.", null),
            BadHttpRequestException bad => FromBinding(bad),
            BudgetBuddy.Api.Storage.LedgerBusyException busy => (503, "Busy", busy.Message, null),
            BudgetBuddy.Api.Encryption.TenantKeysUnavailableException => (503, "Encryption keys unavailable",
                "This tenant's encryption keys cannot be used right now; it has been logged with this trace id.", null),
            BudgetBuddy.Api.Sensitive.DisclosureNotRecordedException => (503, "Audit trail unavailable",
                "Reading sensitive data needs a record in the audit trail, which could not be written; nothing sensitive was sent. Retry shortly.", null),
            ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException =>
                (503, "Storage busy", "The data store is throttling requests; retry after a moment.", null),
            _ when StorageFailure.IsTransient(exception) =>
                (503, "Storage unavailable", "The data store did not answer; retry after a moment.", null),
            TaskCanceledException when !http.RequestAborted.IsCancellationRequested =>
                (503, "Storage unavailable", "The data store did not answer; retry after a moment.", null),
            _ => (500, "Internal error", "The request failed on the server; it has been logged with this trace id.", (Dictionary<string, string[]>?)null),
        };

        if (status >= 500)
        {
            LogFailure(logger, http.Request.Method, http.Request.Path, exception);
        }
        if (status == 503)
        {
            http.Response.Headers.RetryAfter = "1";
        }
        http.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string, Dictionary<string, string[]>?) FromJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = UnmappedProperty().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : field;
            return (400, "Invalid request body", "The body has a field this request does not accept.",
                new() { [name] = [$"{name} is not a field of this request (it is unknown or read-only)."] });
        }
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal) || json.Message.Contains("was missing required properties", StringComparison.Ordinal))
        {
            return (400, "Invalid request body", "A field has a value of the wrong type or format.",
                new() { [field] = [$"{field} has a value of the wrong type or format."] });
        }
        if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return (400, "Invalid request body", "The body is nested too deeply.", null);
        }
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        return (400, "Malformed JSON", $"The request body is not valid JSON{where}.", null);
    }

    private static (int, string, string, Dictionary<string, string[]>?) FromBinding(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } match)
        {
            var name = match.Groups["name"].Value;
            return (400, "Invalid request", $"The value of {name} is not valid.",
                new() { [name] = [$"'{Clip(match.Groups["value"].Value)}' is not a valid value for {name}."] });
        }
        var detail = bad.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "This request needs a JSON body.",
            _ => "The request could not be read.",
        };
        return (bad.StatusCode, bad.StatusCode == 415 ? "Unsupported media type" : "Invalid request", detail, null);
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("The JSON property '([^']{1,100})' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, PathString path, Exception exception);
}
