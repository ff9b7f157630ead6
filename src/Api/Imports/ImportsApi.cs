using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Imports.Jobs;
using BudgetBuddy.Api.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Imports;

internal static class ImportsApi
{
    /// <summary>Statements are bigger than API bodies; this is still small enough to parse in memory.</summary>
    public const long MaxStatementBytes = 10 * 1024 * 1024;

    private static readonly string[] OfxMediaTypes = ["application/x-ofx", "application/ofx", "application/vnd.intu.qfx", "application/x-qfx"];

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/accounts/{id}/import", ImportStatement)
            .WithTags("Accounts")
            .WithName("ImportStatement")
            .WithSummary("Import a bank statement (CSV or OFX/QFX) into an account. Lines already imported are skipped, so sending a file twice adds nothing.")
            .WithDescription("A statement of up to Imports:MaxLinesInRequest lines (5,000 by default) is imported within the request: 200 with the "
                + "counts. A larger one, or any sent with Prefer: respond-async, is checked and staged, then imported by a job: 202 with the job "
                + "and its Location (GET /v1/imports/{id}). Either way the statement is read whole first: an unreadable file or a currency "
                + "mismatch is a 400 before anything is imported.")
            .Accepts<string>("text/csv", "application/x-ofx", "application/vnd.intu.qfx", "application/octet-stream", "text/plain")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxStatementBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The statement is read as text of at most MaxStatementBytes bytes, whatever its media type.
                foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                {
                    media.Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = (int)MaxStatementBytes };
                }
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "Prefer") is Microsoft.OpenApi.OpenApiParameter prefer)
                {
                    prefer.Description = "respond-async imports the statement as a job whatever its size (202, answered with Preference-Applied: respond-async).";
                    prefer.Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 200 };
                }
                return Task.CompletedTask;
            })
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Results<Ok<ImportResult>, Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> ImportStatement(
        string id,
        [AsParameters] CsvColumnQuery columns,
        string? format,
        [FromHeader(Name = "Prefer")] string? prefer,
        Caller caller,
        HttpRequest request,
        AccountStore accounts,
        StatementImporter importer,
        ImportJobs jobs,
        IOptions<ImportOptions> importOptions,
        CancellationToken ct)
    {
        var account = ResourceId.IsWellFormed(id) ? await accounts.Collection.GetAsync(caller, id, ct) : null;
        if (account is null)
        {
            return Problems.NotFound("account", id);
        }
        if (account.Closed)
        {
            return Problems.Conflict($"Account '{id}' is closed; reopen it to import into it.");
        }
        var errors = new ValidationErrors();
        var options = columns.ToOptions(errors);
        if (format is not (null or "csv" or "ofx" or "qfx"))
        {
            errors.Add("format", "format must be csv, ofx or qfx (or left out to detect it).");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var text = StatementDecoding.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var isOfx = format is "ofx" or "qfx"
            || format is null && (OfxMediaTypes.Contains(request.ContentType?.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase) || StatementDecoding.LooksLikeOfx(text));

        ParsedStatement statement;
        try
        {
            var exponent = Currencies.Exponent(account.Currency);
            statement = isOfx
                ? OfxStatementParser.Parse(new StringReader(text), exponent)
                : CsvStatementParser.Parse(new StringReader(text), options!, exponent);
        }
        catch (ImportFormatException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable statement", detail: e.Message);
        }
        if (statement.Currency is { } fileCurrency && fileCurrency != account.Currency)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Currency mismatch",
                detail: $"The statement is in {fileCurrency} but the account is in {account.Currency}.");
        }
        var asked = RespondAsync(prefer);
        if (asked || statement.Rows.Count > importOptions.Value.MaxLinesInRequest)
        {
            if (asked)
            {
                request.HttpContext.Response.Headers["Preference-Applied"] = "respond-async";
            }
            var job = await jobs.StartAsync(caller, account, statement, ct);
            return TypedResults.Accepted(ImportJobsApi.Location(job.Id), job);
        }
        var outcome = await importer.ImportAsync(caller, Audit.RequestAudit.Of(request.HttpContext), account, statement, ct);
        if (outcome.Stop == ImportStop.StoreUnavailable)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return outcome.Stop switch
        {
            ImportStop.None => TypedResults.Ok(outcome.Result),
            ImportStop.AccountClosed => Stopped(outcome, StatusCodes.Status409Conflict, "Import stopped",
                $"Account '{id}' was closed or deleted during the import."),
            _ => Stopped(outcome, StatusCodes.Status503ServiceUnavailable, "Import stopped",
                $"The store could not take more of the import; retry after {RetryAfterSeconds} s."),
        };
    }

    private const int RetryAfterSeconds = 5;

    /// <summary>RFC 7240: <c>Prefer: respond-async</c> asks for a job whatever the statement's size.</summary>
    private static bool RespondAsync(string? prefer) =>
        prefer?.Split(',').Any(p => p.Split(';')[0].Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>
    /// An import that stopped part-way: what committed (imported, duplicates) and what did not (notImported), so the
    /// client knows that sending the same file again finishes it, and imports nothing twice.
    /// </summary>
    private static ProblemHttpResult Stopped(ImportOutcome outcome, int status, string title, string detail) => TypedResults.Problem(
        statusCode: status,
        title: title,
        detail: $"{detail} {outcome.Result.Imported} lines were imported and {outcome.NotImported} were not; sending the same file again imports only those.",
        extensions: new Dictionary<string, object?>
        {
            ["imported"] = outcome.Result.Imported,
            ["duplicates"] = outcome.Result.Duplicates,
            ["notImported"] = outcome.NotImported,
        });
}
