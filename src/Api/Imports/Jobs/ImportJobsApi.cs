using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Imports.Jobs;

internal static class ImportJobsApi
{
    public static string Location(string id) => $"/v1/imports/{id}";

    public static IEndpointRouteBuilder MapImportJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/imports/{id}", GetImportJob)
            .WithTags("Accounts")
            .WithName("GetImportJob")
            .WithSummary("Read an import job: its status and how many lines it has imported so far.")
            .WithDescription("A statement with more lines than the API imports within one request, or sent with Prefer: respond-async, is "
                + "imported by a job: the import answers 202 with the job and its Location. Poll this until status is completed (imported "
                + "plus duplicates equal lines) or stopped (the account was closed; notImported lines were not imported, and sending the "
                + "same file again imports exactly those). A job whose server stopped resumes from its last committed batch when it is read. "
                + "Jobs can be read for 7 days.")
            .RequireAuthorization(Policies.BudgetRead);
        return app;
    }

    private static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> GetImportJob(string id, Caller caller, ImportJobs jobs, CancellationToken ct) =>
        ResourceId.IsWellFormed(id) && await jobs.GetAsync(caller, id, ct) is { } job
            ? TypedResults.Ok(job)
            : Problems.NotFound("import job", id);
}
