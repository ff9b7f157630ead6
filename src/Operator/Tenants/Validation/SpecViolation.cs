namespace BudgetBuddy.Operator.Tenants.Validation;

/// <summary>One field of a spec that breaks one rule: <c>spec.signingKey.rotationDays: must be at least 1 (is 0)</c>.</summary>
public sealed record SpecViolation(string Field, string Rule)
{
    public override string ToString() => $"{Field}: {Rule}";
}
