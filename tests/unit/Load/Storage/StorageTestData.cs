using System.Text;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Seeding;
using BudgetBuddy.Load.Storage;

namespace BudgetBuddy.UnitTests.Load.Storage;

/// <summary>A small seeded world and requests of its first user, for the storage path's tests.</summary>
internal static class StorageTestData
{
    public const string Checking = "01a00000000000000000000000000001";
    public const string Savings = "01a00000000000000000000000000002";
    public const string Card = "01a00000000000000000000000000003";
    public const string Groceries = "01a0000000000000000000000000c001";
    public const string Rent = "01a0000000000000000000000000c002";
    public const string Known = "01a0000000000000000000000000f001";

    public static LoadData Data(int users = 3) => new(
        [.. Enumerable.Range(0, users).Select(i => LoadUser.From(new SeedUser(
            $"load-t{i % 2}", $"user-{i}", "token", [Checking, Savings, Card], [Groceries, Rent], [Known], ApiCursors.ChangesAfter(5))))],
        ["2026-09", "2026-10", "2026-11"],
        new DateOnly(2026, 11, 24));

    public static LoadRequest Request(HttpMethod method, string path, string? json = null) =>
        new(method, path, Data(1).Users[0], json is null ? null : Encoding.UTF8.GetBytes(json));
}
