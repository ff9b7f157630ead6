using System.Text.Json.Nodes;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>The API's settings reach it as the environment variables it reads (src/Api/appsettings.json's keys).</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void The_api_reads_its_settings_from_the_configmap()
    {
        var chart = RenderedChart.WithDefaults();

        var data = chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;

        Assert.Equal(RenderedChart.Api, Assert.Single(chart.Container(RenderedChart.Api).EnvFrom).ConfigMapRef.Name);
        Assert.Equal("us-east-1", data["DynamoDb__Region"]);
        Assert.Equal("budgetbuddy-", data["DynamoDb__TablePrefix"]);
        Assert.Equal("", data["DynamoDb__ServiceUrl"]);
        Assert.Equal("https://auth.budgetbuddy.local", data["Auth__Issuer"]);
        Assert.Equal("budgetbuddy-api", data["Auth__Audience"]);
        Assert.Equal("00:00:10", data["Registry__CacheTtl"]);
        Assert.Equal("8080", data["ASPNETCORE_HTTP_PORTS"]);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", data.Keys);
    }

    [Fact]
    public void Rate_limits_are_shared_across_the_fewest_pods_the_autoscaler_keeps_unless_set()
    {
        var data = RenderedChart.WithDefaults().Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal(("600", "100", "2"), (data["RateLimits__UserRequestsPerMinute"], data["RateLimits__UserBurst"], data["RateLimits__Replicas"]));

        var fixedSize = RenderedChart.WithDefaults("api.autoscaling.enabled=false", "api.replicaCount=3").Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal("3", fixedSize["RateLimits__Replicas"]);

        var pinned = RenderedChart.WithDefaults("api.config.rateLimits.replicas=5", "api.config.trustedProxyNetworks=10.0.0.0/16").Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal(("5", "10.0.0.0/16"), (pinned["RateLimits__Replicas"], pinned["Api__TrustedProxyNetworks"]));
    }

    [Fact]
    public void Without_a_redis_host_the_api_gets_no_redis_settings()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.DoesNotContain(chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data.Keys, key => key.StartsWith("RateLimits__Redis__", StringComparison.Ordinal));
        Assert.DoesNotContain(chart.Container(RenderedChart.Api).Env, e => e.Name.StartsWith("RateLimits__Redis__", StringComparison.Ordinal));
    }

    [Fact]
    public void A_redis_host_reaches_the_api_as_a_tls_configuration_with_the_auth_token_from_a_secret()
    {
        var chart = RenderedChart.WithDefaults(
            "api.config.rateLimits.redis.host=master.bb.abc123.use1.cache.amazonaws.com",
            "api.config.rateLimits.redis.existingSecret=bb-redis-auth",
            "api.config.rateLimits.redis.timeout=00:00:00.100");

        var data = chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal("master.bb.abc123.use1.cache.amazonaws.com:6379,ssl=true", data["RateLimits__Redis__Configuration"]);
        Assert.Equal(("00:00:00.100", "00:00:05"), (data["RateLimits__Redis__Timeout"], data["RateLimits__Redis__RetryInterval"]));
        // The token is never in the ConfigMap: only a reference to the Secret is rendered.
        Assert.DoesNotContain("RateLimits__Redis__Password", data.Keys);
        var password = Assert.Single(chart.Container(RenderedChart.Api).Env, e => e.Name == "RateLimits__Redis__Password");
        Assert.Equal(("bb-redis-auth", "auth-token"), (password.ValueFrom.SecretKeyRef.Name, password.ValueFrom.SecretKeyRef.Key));

        var plain = RenderedChart.WithDefaults("api.config.rateLimits.redis.host=redis.cache", "api.config.rateLimits.redis.tls=false", "api.config.rateLimits.redis.port=6380");
        Assert.Equal("redis.cache:6380,ssl=false", plain.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data["RateLimits__Redis__Configuration"]);
        Assert.DoesNotContain(plain.Container(RenderedChart.Api).Env, e => e.Name == "RateLimits__Redis__Password");
    }

    [Fact]
    public void Load_shedding_settings_reach_the_api()
    {
        var data = RenderedChart.WithDefaults(
            "api.config.loadShedding.maxConcurrentRequests=64", "api.config.loadShedding.queueLimit=0", "api.config.loadShedding.maxQueueWait=00:00:00.500")
            .Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal(("64", "0", "00:00:00.500"),
            (data["LoadShedding__MaxConcurrentRequests"], data["LoadShedding__QueueLimit"], data["LoadShedding__MaxQueueWait"]));
    }

    [Fact]
    public void Webhook_deliveries_may_not_reach_loopback_unless_allowed_and_their_limits_reach_the_api()
    {
        var defaults = RenderedChart.WithDefaults().Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal(("false", "00:00:03", "00:00:10", "65536"),
            (defaults["Webhooks__AllowLoopback"], defaults["Webhooks__ConnectTimeout"], defaults["Webhooks__RequestTimeout"], defaults["Webhooks__MaxResponseBytes"]));

        var set = RenderedChart.WithDefaults(
            "api.config.webhooks.allowLoopback=true", "api.config.webhooks.requestTimeout=00:00:05", "api.config.webhooks.maxResponseBytes=1024")
            .Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal(("true", "00:00:05", "1024"), (set["Webhooks__AllowLoopback"], set["Webhooks__RequestTimeout"], set["Webhooks__MaxResponseBytes"]));
    }

    [Fact]
    public void The_dynamodb_connection_limit_reaches_the_api_only_when_set()
    {
        Assert.False(RenderedChart.WithDefaults().Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data.ContainsKey("DynamoDb__MaxConnections"));

        var data = RenderedChart.WithDefaults("api.config.dynamodbMaxConnections=16").Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        Assert.Equal("16", data["DynamoDb__MaxConnections"]);
    }

    [Fact]
    public void An_otlp_endpoint_turns_on_telemetry_export()
    {
        var data = RenderedChart.ForScenario("production-values.yaml").Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;

        Assert.Equal("http://otel-collector.observability:4318", data["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("https://auth.bank.example", data["Auth__Issuer"]);
    }

    [Fact]
    public void Every_configuration_section_the_chart_sets_exists_in_the_apps_settings()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "appsettings.json")))!;
        var data = RenderedChart.WithDefaults().Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;

        foreach (var key in data.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)))
        {
            var parts = key.Split("__");
            Assert.True(settings[parts[0]]?[parts[1]] is not null, $"{key} is not a setting in appsettings.json");
        }
    }

    [Fact]
    public void Extra_environment_variables_reach_the_containers()
    {
        var chart = RenderedChart.WithDefaults("api.extraEnv[0].name=Api__MaxRequestBodyBytes", "api.extraEnv[0].value=2097152");

        var variable = Assert.Single(chart.Container(RenderedChart.Api).Env, e => !e.Name.StartsWith("Encryption__", StringComparison.Ordinal));
        Assert.Equal(("Api__MaxRequestBodyBytes", "2097152"), (variable.Name, variable.Value));
    }
}
