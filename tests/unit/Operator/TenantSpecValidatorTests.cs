using System.Text.Json;
using BudgetBuddy.Operator.Reconciliation;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.Operator.Tenants.Validation;

namespace BudgetBuddy.UnitTests.Operator;

/// <summary>The operator's own check of a tenant spec, for the clusters where the CRD's schema is missing or older.</summary>
public sealed class TenantSpecValidatorTests
{
    private static IReadOnlyList<SpecViolation> Validate(string specJson) =>
        SpecValidator.ValidateTenantSpec(JsonDocument.Parse(specJson).RootElement);

    [Fact]
    public void A_full_valid_spec_and_an_empty_one_pass()
    {
        Assert.Empty(Validate("""
            {"displayName":"ACME","plan":{"requestsPerMinute":1200,"burst":50},
             "storage":{"billingMode":"PROVISIONED","readCapacity":5,"writeCapacity":5,"pointInTimeRecovery":true,"deletionProtection":false,"tableClass":"STANDARD"},
             "deletionPolicy":"Delete","signingKey":{"rotationDays":30},"encryption":{"dataKeyRotationDays":3650},"suspended":false,
             "tags":{"cost-center":"42"}}
            """));
        Assert.Empty(Validate("{}"));
        Assert.Empty(SpecValidator.ValidateTenantSpec(null));
    }

    [Fact]
    public void Each_broken_field_is_named_with_its_rule()
    {
        var violations = Validate("""
            {"plan":{"requestsPerMinute":-5,"burst":0},"signingKey":{"rotationDays":0},"encryption":{"dataKeyRotationDays":3651},
             "deletionPolicy":"Destroy","storage":{"tableClass":"GLACIER"}}
            """).Select(v => v.ToString()).ToList();

        Assert.Equal(
            [
                "spec.plan.requestsPerMinute: must be at least 1 (is -5)",
                "spec.plan.burst: must be at least 1 (is 0)",
                "spec.signingKey.rotationDays: must be at least 1 (is 0)",
                "spec.encryption.dataKeyRotationDays: must be at most 3650 (is 3651)",
                "spec.deletionPolicy: must be one of Retain, Delete (is \"Destroy\")",
                "spec.storage.tableClass: must be one of STANDARD, STANDARD_INFREQUENT_ACCESS (is \"GLACIER\")",
            ],
            violations);
    }

    [Fact]
    public void Provisioned_billing_without_both_capacities_breaks_the_cross_field_rule()
    {
        var violation = Assert.Single(Validate("""{"storage":{"billingMode":"PROVISIONED","readCapacity":5}}"""));

        Assert.Equal("spec.storage", violation.Field);
        Assert.Equal(TenantSpecSchema.ProvisionedNeedsCapacity, violation.Rule);
    }

    [Theory]
    [InlineData("""{"plan":{"requestsPerMinute":"fast"}}""", "spec.plan.requestsPerMinute: must be an integer (is the string \"fast\")")]
    [InlineData("""{"plan":{"burst":1.5}}""", "spec.plan.burst: must be an integer (is the number 1.5)")]
    [InlineData("""{"plan":{"burst":4294967296}}""", "spec.plan.burst: must be a 32-bit integer (is 4294967296)")]
    [InlineData("""{"plan":null}""", "spec.plan: must be an object (is null)")]
    [InlineData("""{"suspended":"yes"}""", "spec.suspended: must be a boolean (is the string \"yes\")")]
    [InlineData("""{"tags":{"team":7}}""", "spec.tags[team]: must be a string (is the number 7)")]
    public void A_value_of_the_wrong_type_is_a_violation_not_a_crash(string spec, string expected)
    {
        Assert.Equal(expected, Assert.Single(Validate(spec)).ToString());
    }

    [Fact]
    public void Lengths_and_map_sizes_are_bounded()
    {
        var tags = Enumerable.Range(0, 41).ToDictionary(i => $"t{i}", _ => "v");
        tags["long"] = new string('y', 257);
        var spec = JsonSerializer.Serialize(new { displayName = new string('x', 201), tags });
        var violations = Validate(spec).Select(v => v.ToString()).ToList();

        Assert.Contains("spec.displayName: must be at most 200 characters long (is 201)", violations);
        Assert.Contains("spec.tags[long]: must be at most 256 characters long (is 257)", violations);
        Assert.Contains("spec.tags: must have at most 40 entries (has 42)", violations);
    }

    [Fact]
    public void Fields_the_schema_does_not_know_are_ignored_as_the_api_server_prunes_them()
    {
        Assert.Empty(Validate("""{"futureField":{"anything":[1,2]}}"""));
    }

    [Fact]
    public void A_tenant_whose_spec_does_not_deserialise_is_still_read_for_its_metadata_and_status()
    {
        var json = JsonDocument.Parse("""
            {"apiVersion":"budgetbuddy.io/v1alpha1","kind":"BudgetBuddyTenant",
             "metadata":{"name":"acme","namespace":"tenants","uid":"u-1","generation":3},
             "spec":{"plan":{"requestsPerMinute":"fast"}},
             "status":{"phase":"Ready","observedGeneration":2}}
            """).RootElement;

        var read = TenantReader.Read(json);

        Assert.False(read.IsValid);
        Assert.True(read.Unreadable);
        Assert.Equal("u-1", read.Tenant.Metadata.Uid);
        Assert.Equal(3, read.Tenant.Metadata.Generation);
        Assert.Equal(TenantPhases.Ready, read.Tenant.Status!.Phase);
    }

    [Fact]
    public void A_valid_tenant_reads_into_its_typed_spec()
    {
        var json = JsonDocument.Parse("""
            {"metadata":{"name":"acme","namespace":"tenants"},"spec":{"signingKey":{"rotationDays":7},"deletionPolicy":"Delete"}}
            """).RootElement;

        var read = TenantReader.Read(json);

        Assert.True(read.IsValid);
        Assert.Equal(7, read.Tenant.Spec.SigningKey.RotationDays);
        Assert.Equal(DeletionPolicies.Delete, read.Tenant.Spec.DeletionPolicy);
    }
}
