using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Tenancy;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("first-credit-union")]
    [InlineData("bank42")]
    [InlineData("a234567890123456789012345678901234567890")]
    public void Dns_labels_of_3_to_40_characters_are_tenant_ids(string id)
    {
        Assert.True(TenantId.IsValid(id));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a2345678901234567890123456789012345678901")]
    [InlineData("Bank")]
    [InlineData("-bank")]
    [InlineData("bank-")]
    [InlineData("my_bank")]
    [InlineData("bank.example")]
    [InlineData("")]
    public void Anything_else_is_refused(string id)
    {
        Assert.False(TenantId.IsValid(id));
        Assert.Throws<ArgumentException>(() => TenantId.Require(id));
    }

    [Fact]
    public void Table_names_carry_the_prefix_tenant_and_role()
    {
        var tables = new TenantTables("prod-");
        Assert.Equal("prod-acme-ledger", tables.Ledger("acme"));
        Assert.Equal("prod-acme-audit", tables.Audit("acme"));
        Assert.Equal("prod-registry", tables.Registry);
    }
}
