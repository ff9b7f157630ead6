using System.Net;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

internal static class FieldProblems
{
    /// <summary>The answer is a 400 problem with at least one message for <paramref name="field"/> in its <c>errors</c>.</summary>
    public static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field} in {problem}");
        Assert.NotEmpty(messages.EnumerateArray().Select(m => m.GetString()));
    }
}
