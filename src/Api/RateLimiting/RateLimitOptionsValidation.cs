using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>Refuses, at start, limits that cannot work: a pod with a wrong setting never serves.</summary>
internal sealed class RateLimitOptionsValidation : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        if (options.UserRequestsPerMinute <= 0 || options.UserBurst <= 0 || options.Replicas <= 0)
        {
            return ValidateOptionsResult.Fail("RateLimits: UserRequestsPerMinute, UserBurst and Replicas must be positive.");
        }
        return options.Redis.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
