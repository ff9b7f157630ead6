namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// The intruder's own objects, around which a body-reference request is built so that only the one swapped id
/// is not the intruder's: two accounts (a transfer needs two), a category, and a categorised transaction.
/// </summary>
internal sealed record IntruderObjects(string Account, string OtherAccount, string Category, string Transaction)
{
    /// <summary>
    /// An id of the intruder's own to put where a reference to <paramref name="collection"/> goes; for accounts the
    /// other one, so that a transfer from <see cref="Account"/> has somewhere of its own to go.
    /// </summary>
    public string? Own(string collection) => collection switch
    {
        "accounts" => OtherAccount,
        "categories" => Category,
        "transactions" => Transaction,
        _ => null,
    };
}
