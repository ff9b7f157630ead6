using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.Operator.Tenants.Validation;
using BudgetBuddy.TenantContracts;
using k8s;
using k8s.Models;

namespace BudgetBuddy.UnitTests.Operator;

/// <summary>The CRD shipped in the chart and the C# types the operator reads and writes must describe the same thing.</summary>
public sealed class TenantCrdAgreementTests
{
    private static readonly V1CustomResourceDefinition Crd = LoadCrd();

    private static V1JSONSchemaProps Schema => Crd.Spec.Versions.Single(v => v.Name == TenantResource.Version).Schema.OpenAPIV3Schema;

    private static V1CustomResourceDefinition LoadCrd()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetBuddy.sln")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory!.FullName, "charts", "budgetbuddy", "crds", $"{TenantResource.CrdName}.yaml");
        return KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(path), strict: true);
    }

    [Fact]
    public void The_crd_names_match_the_operators_constants()
    {
        Assert.Equal(TenantResource.CrdName, Crd.Metadata.Name);
        Assert.Equal(TenantResource.Group, Crd.Spec.Group);
        Assert.Equal("Namespaced", Crd.Spec.Scope);
        Assert.Equal(TenantResource.Kind, Crd.Spec.Names.Kind);
        Assert.Equal(TenantResource.ListKind, Crd.Spec.Names.ListKind);
        Assert.Equal(TenantResource.Plural, Crd.Spec.Names.Plural);
        Assert.Equal(TenantResource.Singular, Crd.Spec.Names.Singular);
        Assert.Contains(TenantResource.ShortName, Crd.Spec.Names.ShortNames);
        var version = Assert.Single(Crd.Spec.Versions);
        Assert.True(version.Served && version.Storage);
        Assert.NotNull(version.Subresources.Status);
    }

    [Fact]
    public void Printer_columns_show_phase_ready_age_and_the_ledger_table_at_priority_one()
    {
        var columns = Crd.Spec.Versions.Single().AdditionalPrinterColumns.ToDictionary(c => c.Name);
        Assert.Equal(".status.phase", columns["Phase"].JsonPath);
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", columns["Ready"].JsonPath);
        Assert.Equal(".metadata.creationTimestamp", columns["Age"].JsonPath);
        Assert.Equal(".status.ledgerTable", columns["Ledger"].JsonPath);
        Assert.Equal(1, columns["Ledger"].Priority);
    }

    [Fact]
    public void The_spec_schema_and_the_spec_type_have_the_same_fields_and_types()
    {
        AssertAgree(typeof(TenantSpec), Schema.Properties["spec"], "spec");
    }

    [Fact]
    public void The_status_schema_and_the_status_type_have_the_same_fields_and_types()
    {
        AssertAgree(typeof(BudgetBuddyTenantStatus), Schema.Properties["status"], "status");
    }

    [Fact]
    public void Schema_defaults_are_the_types_defaults()
    {
        AssertDefaults(new TenantSpec(), Schema.Properties["spec"], "spec");
    }

    [Fact]
    public void Enumerated_values_in_the_schema_are_the_ones_the_operator_knows()
    {
        var spec = Schema.Properties["spec"];
        Assert.Equal([DeletionPolicies.Retain, DeletionPolicies.Delete], spec.Properties["deletionPolicy"].EnumProperty.Select(v => v.ToString()));
        var phases = typeof(TenantPhases).GetFields().Select(f => (string)f.GetValue(null)!).Order();
        Assert.Equal(phases, Schema.Properties["status"].Properties["phase"].EnumProperty.Select(v => v.ToString()).Order());
    }

    [Fact]
    public void A_tenant_manifest_reads_strictly_into_the_tenant_type()
    {
        const string manifest = """
            apiVersion: budgetbuddy.io/v1alpha1
            kind: BudgetBuddyTenant
            metadata:
              name: acme
              namespace: tenants
            spec:
              displayName: ACME Credit Union
              plan: {requestsPerMinute: 1200, burst: 50}
              storage: {billingMode: PROVISIONED, readCapacity: 5, writeCapacity: 5, pointInTimeRecovery: true, tableClass: STANDARD}
              deletionPolicy: Delete
              signingKey: {rotationDays: 30}
              retention: {transactionsYears: 10, auditYears: 6, closedAccountsYears: 5}
              tags: {cost-center: "42"}
            """;
        var tenant = KubernetesYaml.Deserialize<BudgetBuddyTenant>(manifest, strict: true);
        Assert.Equal("acme", tenant.Metadata.Name);
        Assert.Equal(1200, tenant.Spec.Plan.RequestsPerMinute);
        Assert.Equal(5, tenant.Spec.Storage.WriteCapacity);
        Assert.Equal(DeletionPolicies.Delete, tenant.Spec.DeletionPolicy);
        Assert.Equal("42", tenant.Spec.Tags!["cost-center"]);
        Assert.Equal(new RetentionPolicy(10, 6, 5), tenant.Spec.Retention.ToPolicy());
    }

    [Fact]
    public void The_operators_own_spec_rules_are_the_schemas_rules()
    {
        AssertSameRules(TenantSpecSchema.Spec, Schema.Properties["spec"], "spec");
    }

    [Fact]
    public void The_operators_validator_accepts_and_refuses_at_the_schemas_own_bounds()
    {
        var cases = BoundaryCases(Schema.Properties["spec"], "spec").ToList();
        // Every rule kind the schema uses is exercised: a walk that found nothing would prove nothing.
        Assert.True(cases.Count >= 20, $"only {cases.Count} boundary cases found in the CRD");
        foreach (var (path, value, valid) in cases)
        {
            var violations = SpecValidator.ValidateTenantSpec(SpecWith(path, value));
            if (valid)
            {
                Assert.True(violations.All(v => v.Field != path), $"{path} = {value}: the schema accepts it, the operator says {string.Join("; ", violations)}");
            }
            else
            {
                Assert.True(violations.Any(v => v.Field == path), $"{path} = {value}: the schema refuses it, the operator accepts it");
            }
        }
    }

    [Fact]
    public void The_only_rule_above_the_spec_is_the_tenant_id_length_the_operator_checks_by_name()
    {
        var rule = Assert.Single(Schema.XKubernetesValidations);
        Assert.Equal("size(self.metadata.name) >= 3 && size(self.metadata.name) <= 40", rule.Rule);
        Assert.False(TenantId.IsValid("ab"));
        Assert.True(TenantId.IsValid("abc"));
        Assert.True(TenantId.IsValid(new string('a', 40)));
        Assert.False(TenantId.IsValid(new string('a', 41)));
    }

    private static void AssertSameRules(FieldSchema rules, V1JSONSchemaProps schema, string path)
    {
        Assert.True(schema.Type == rules.Type, $"{path}: schema type {schema.Type}, operator {rules.Type}");
        Assert.True(schema.Format == rules.Format, $"{path}: schema format {schema.Format}, operator {rules.Format}");
        Assert.True(schema.Minimum == rules.Minimum, $"{path}: schema minimum {schema.Minimum}, operator {rules.Minimum}");
        Assert.True(schema.Maximum == rules.Maximum, $"{path}: schema maximum {schema.Maximum}, operator {rules.Maximum}");
        Assert.True(schema.MaxLength == rules.MaxLength, $"{path}: schema maxLength {schema.MaxLength}, operator {rules.MaxLength}");
        Assert.True(schema.MaxProperties == rules.MaxProperties, $"{path}: schema maxProperties {schema.MaxProperties}, operator {rules.MaxProperties}");
        Assert.True(schema.Pattern == rules.Pattern, $"{path}: schema pattern {schema.Pattern}, operator {rules.Pattern}");
        Assert.Equal(schema.EnumProperty?.Select(v => v.ToString()!).ToList(), rules.Enum?.ToList());
        Assert.Equal((schema.XKubernetesValidations ?? []).Select(v => v.Message), rules.Rules.Select(r => r.Message));
        Assert.Equal((schema.Properties?.Keys ?? []).Order(), (rules.Properties?.Keys ?? []).Order());
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            AssertSameRules(rules.Properties![name], property, $"{path}.{name}");
        }
        var values = MapValues(schema);
        Assert.True((values is null) == (rules.AdditionalProperties is null), $"{path}: only one of schema and operator has map values");
        if (values is not null)
        {
            AssertSameRules(rules.AdditionalProperties!, values, $"{path}[]");
        }
    }

    /// <summary>For each bound in the schema, a value just inside it and one just outside, with the field's path.</summary>
    private static IEnumerable<(string Path, JsonNode Value, bool Valid)> BoundaryCases(V1JSONSchemaProps schema, string path)
    {
        if (schema.Minimum is { } minimum)
        {
            yield return (path, JsonValue.Create((long)minimum), true);
            yield return (path, JsonValue.Create((long)minimum - 1), false);
        }
        if (schema.Maximum is { } maximum)
        {
            yield return (path, JsonValue.Create((long)maximum), true);
            yield return (path, JsonValue.Create((long)maximum + 1), false);
        }
        if (schema.Format == "int32")
        {
            yield return (path, JsonValue.Create((long)int.MaxValue + 1), false);
        }
        foreach (var allowed in schema.EnumProperty ?? [])
        {
            yield return (path, JsonValue.Create(allowed.ToString())!, true);
            yield return (path, JsonValue.Create($"Not{allowed}")!, false);
        }
        if (schema.MaxLength is { } maxLength)
        {
            yield return (path, JsonValue.Create(new string('x', (int)maxLength))!, true);
            yield return (path, JsonValue.Create(new string('x', (int)maxLength + 1))!, false);
        }
        switch (schema.Type)
        {
            case "integer" or "boolean":
                yield return (path, JsonValue.Create("text")!, false);
                break;
            case "string":
                yield return (path, JsonValue.Create(7), false);
                break;
        }
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var found in BoundaryCases(property, $"{path}.{name}"))
            {
                yield return found;
            }
        }
    }

    /// <summary>A spec holding <paramref name="value"/> at <paramref name="path"/> (spec.a.b), defaults elsewhere.</summary>
    private static JsonElement SpecWith(string path, JsonNode value)
    {
        var root = new JsonObject();
        var node = root;
        var names = path.Split('.')[1..];
        foreach (var name in names[..^1])
        {
            var child = new JsonObject();
            node[name] = child;
            node = child;
        }
        node[names[^1]] = value.DeepClone();
        return JsonSerializer.SerializeToElement(root);
    }

    private static V1JSONSchemaProps? MapValues(V1JSONSchemaProps schema) => schema.AdditionalProperties switch
    {
        null => null,
        V1JSONSchemaProps props => props,
        var other => JsonSerializer.Deserialize<V1JSONSchemaProps>(JsonSerializer.Serialize(other)),
    };

    private static void AssertAgree(Type type, V1JSONSchemaProps schema, string path)
    {
        Assert.Equal("object", schema.Type);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no JSON name"));
        Assert.Equal(properties.Keys.Order(), (schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>()).Keys.Order());
        foreach (var (name, property) in properties)
        {
            AssertTypeAgrees(property.PropertyType, schema.Properties![name], $"{path}.{name}");
        }
    }

    private static void AssertTypeAgrees(Type type, V1JSONSchemaProps schema, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            Assert.True(schema.Type == "string", $"{path}: schema says {schema.Type}, type is string");
        }
        else if (type == typeof(bool))
        {
            Assert.True(schema.Type == "boolean", $"{path}: schema says {schema.Type}, type is bool");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            Assert.True(schema.Type == "integer", $"{path}: schema says {schema.Type}, type is {type.Name}");
            Assert.Equal(type == typeof(int) ? "int32" : "int64", schema.Format);
        }
        else if (type == typeof(DateTime))
        {
            Assert.True(schema.Type == "string" && schema.Format == "date-time", $"{path}: expected a date-time string");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            Assert.True(schema.Type == "object", $"{path}: expected an object (map)");
            AssertTypeAgrees(type.GetGenericArguments()[1], schema.AdditionalProperties as V1JSONSchemaProps
                ?? JsonSerializer.Deserialize<V1JSONSchemaProps>(JsonSerializer.Serialize(schema.AdditionalProperties))!, $"{path}.*");
        }
        else if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            Assert.True(schema.Type == "array", $"{path}: expected an array");
            AssertTypeAgrees(type.GetGenericArguments()[0], schema.Items as V1JSONSchemaProps
                ?? JsonSerializer.Deserialize<V1JSONSchemaProps>(JsonSerializer.Serialize(schema.Items))!, $"{path}[]");
        }
        else
        {
            AssertAgree(type, schema, path);
        }
    }

    private static void AssertDefaults(object instance, V1JSONSchemaProps schema, string path)
    {
        foreach (var property in instance.GetType().GetProperties())
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
            var propertySchema = schema.Properties[name];
            var value = property.GetValue(instance);
            if (propertySchema.Type == "object" && propertySchema.Properties is not null && value is not null)
            {
                AssertDefaults(value, propertySchema, $"{path}.{name}");
            }
            else if (propertySchema.DefaultProperty is { } schemaDefault)
            {
                Assert.True(
                    string.Equals(Convert.ToString(schemaDefault, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
                    $"{path}.{name}: schema default {schemaDefault}, type default {value}");
            }
            else
            {
                Assert.True(value is null || (value is bool b && !b), $"{path}.{name}: the type defaults to {value} but the schema has no default");
            }
        }
    }
}
