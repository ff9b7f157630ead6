using System.Security.Cryptography;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.UnitTests.Keys;

public sealed class AuditPseudonymTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_user_has_one_pseudonym_per_key_and_it_does_not_contain_the_user_id()
    {
        var pseudonym = AuditPseudonym.Of(Key, "alice");

        Assert.Equal(pseudonym, AuditPseudonym.Of(Key, "alice"));
        Assert.NotEqual(pseudonym, AuditPseudonym.Of(Key, "bob"));
        Assert.NotEqual(pseudonym, AuditPseudonym.Of(RandomNumberGenerator.GetBytes(32), "alice"));
        Assert.StartsWith(AuditPseudonym.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", pseudonym, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pseudonym_s_digits_are_a_well_formed_resource_id()
    {
        Assert.True(ResourceId.IsWellFormed(AuditPseudonym.Digits(AuditPseudonym.Of(Key, "carol"))));
    }

    [Fact]
    public void A_user_key_id_is_told_from_a_tenant_data_key_id()
    {
        Assert.True(UserKeyItem.IsUserKeyId(UserKeyItem.NewId()));
        Assert.False(UserKeyItem.IsUserKeyId(BudgetBuddy.TenantContracts.Keys.DataKeyItem.NewEncryptionKeyId(DateTimeOffset.UtcNow)));
    }
}
