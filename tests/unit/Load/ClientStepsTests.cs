using System.Text;
using System.Text.Json;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.UnitTests.Load;

public sealed class ClientStepsTests
{
    private static readonly string[] Accounts = ["01a00000000000000000000000000001", "01a00000000000000000000000000002", "01a00000000000000000000000000003"];

    [Theory]
    [InlineData("mixed")]
    [InlineData("write-heavy")]
    [InlineData("accounts")]
    public void Every_step_builds_a_request_to_the_api_with_a_json_body_where_it_sends_one(string name)
    {
        var data = Data();
        foreach (var step in ScenarioCatalog.Find(name)!.Steps)
        {
            for (var i = 0; i < 50; i++)
            {
                var request = step.Build(data, Think.ForRequest(1, i));
                Assert.StartsWith("/v1/", request.Path, StringComparison.Ordinal);
                Assert.Equal(request.Method != HttpMethod.Get, request.Body is not null);
                if (request.Body is not null)
                {
                    using var body = JsonDocument.Parse(request.Body);
                    Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
                }
            }
        }
    }

    [Fact]
    public void The_accounts_scenario_sends_the_wrk_cross_checks_one_request_every_time()
    {
        var data = Data();
        var step = Assert.Single(ScenarioCatalog.Find("accounts")!.Steps);
        var requests = Enumerable.Range(0, 50).Select(i => step.Build(data, Think.ForRequest(1, i))).ToList();

        Assert.All(requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Equal("/v1/accounts", r.Path);
            Assert.Same(data.Users[0], r.User);
        });
    }

    [Fact]
    public void A_posted_transaction_is_remembered_for_later_reads_and_edits()
    {
        var data = Data(knownTransactions: [], users: 1);
        var user = data.Users[0];
        var post = ClientSteps.PostTransaction(1).Build(data, Think.ForRequest(1, 0));

        post.OnSuccess!(user, Encoding.UTF8.GetBytes("""{"id":"01a0000000000000000000000000abcd","splits":[{"id":"nested"}]}"""));

        Assert.Equal("01a0000000000000000000000000abcd", user.KnownTransaction(new Think(3)));
        var get = ClientSteps.GetTransaction(1).Build(data, Think.ForRequest(1, 1));
        Assert.Equal("/v1/transactions/01a0000000000000000000000000abcd", get.Path);
    }

    [Fact]
    public void Delta_sync_reads_from_the_users_cursor_and_moves_it_on()
    {
        var data = Data();
        var sync = ClientSteps.DeltaSync(1).Build(data, Think.ForRequest(1, 0));
        Assert.Equal("/v1/changes?since=c%2B1", sync.Path);

        sync.OnSuccess!(sync.User, Encoding.UTF8.GetBytes("""{"changes":[{"data":{"cursor":"nested"}}],"cursor":"c2","hasMore":false}"""));
        Assert.Equal("c2", sync.User.ChangesCursor);
    }

    [Fact]
    public void A_user_keeps_the_newest_transactions_it_has_seen()
    {
        var user = Data(knownTransactions: []).Users[0];
        for (var i = 0; i < LoadUser.KnownTransactions + 10; i++)
        {
            user.Remember($"t{i}");
        }
        var think = new Think(9);
        var seen = Enumerable.Range(0, 2_000).Select(_ => user.KnownTransaction(think)!).ToHashSet();
        Assert.Equal(LoadUser.KnownTransactions, seen.Count);
        Assert.Contains($"t{LoadUser.KnownTransactions + 9}", seen);
        Assert.DoesNotContain("t0", seen);
    }

    [Theory]
    [InlineData("""{"cursor":"a","hasMore":true}""", "a")]
    [InlineData("""{"changes":{"cursor":"inner"},"cursor":"outer"}""", "outer")]
    [InlineData("""{"cursor":null}""", null)]
    [InlineData("""{"cursor":5}""", null)]
    [InlineData("""[{"cursor":"in an array"}]""", null)]
    [InlineData("""<html>gateway timeout</html>""", null)]
    public void Only_a_top_level_string_is_read_from_an_answer(string json, string? cursor)
    {
        Assert.Equal(cursor, JsonFields.TopLevelString(Encoding.UTF8.GetBytes(json), "cursor"));
    }

    private static LoadData Data(IReadOnlyList<string>? knownTransactions = null, int users = 3)
    {
        var seeded = Enumerable.Range(0, users).Select(i => LoadUser.From(new SeedUser(
            $"load-t{i % 2}", $"user-{i}", "token", Accounts, ["01a0000000000000000000000000c001", "01a0000000000000000000000000c002"],
            knownTransactions ?? ["01a0000000000000000000000000f001"], "c+1"))).ToList();
        return new LoadData(seeded, ["2026-09", "2026-10", "2026-11"], new DateOnly(2026, 11, 24));
    }
}
