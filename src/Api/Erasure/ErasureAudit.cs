namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// The audit record of a completed erasure: its actor is who asked (the subject's own pseudonym when users erase
/// themselves, the administrator's otherwise) with the scope that allowed it, its one resource the subject's pseudonym,
/// its request id the erasure's id. It is written with the erasure's completion, so it says the data is gone.
/// </summary>
internal static class ErasureAudit
{
    public const string Action = "ERASURE /v1/erasures/{id}";

    public const string Outcome = "erased";

    public static string Resource(string subjectPseudonym) => $"user/{subjectPseudonym}";
}
