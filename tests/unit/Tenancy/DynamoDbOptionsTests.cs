using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Tenancy;

public sealed class DynamoDbOptionsTests
{
    [Fact]
    public void Without_a_connection_limit_the_sdk_keeps_its_own_default()
    {
        Assert.Null(new DynamoDbOptions().ClientConfig().MaxConnectionsPerServer);
    }

    [Fact]
    public void A_connection_limit_caps_the_clients_connections_to_the_endpoint()
    {
        var config = new DynamoDbOptions { ServiceUrl = "http://127.0.0.1:8000", MaxConnections = 16 }.ClientConfig();

        Assert.Equal(16, config.MaxConnectionsPerServer);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void A_limit_below_one_is_refused_with_the_setting_named(int limit)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new DynamoDbOptions { MaxConnections = limit }.ClientConfig());

        Assert.Contains("DynamoDb:MaxConnections", refused.Message, StringComparison.Ordinal);
    }
}
