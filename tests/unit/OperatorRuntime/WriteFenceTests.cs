using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.Operator.Hosting;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.TestSupport;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>
/// The fences in the Kubernetes and DynamoDB clients: while the lease fence is down, no request that changes
/// something leaves the process, while reads (and the Lease itself) still do.
/// </summary>
public sealed class WriteFenceTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly LeaseFence fence;
    private readonly Wire wire;
    private readonly Kubernetes kubernetes;
    private readonly AmazonDynamoDBClient dynamo;

    public WriteFenceTests()
    {
        fence = new LeaseFence(
            new LeaderElectionOptions
            {
                LeaseName = "operator",
                LeaseNamespace = "ns",
                LeaseDuration = TimeSpan.FromSeconds(15),
                RenewDeadline = TimeSpan.FromSeconds(10),
                RetryPeriod = TimeSpan.FromSeconds(2),
            },
            time,
            new ControllerMetrics(registry),
            NullLogger.Instance);
        wire = new Wire();
        kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://kubernetes.test" }, new KubernetesWriteFence(fence), wire);
        dynamo = FencedDynamoDbClient.Create(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = "http://dynamodb.test", AuthenticationRegion = "us-east-1", HttpClientFactory = new WireFactory(wire), MaxErrorRetry = 2 },
            fence);
    }

    public void Dispose()
    {
        kubernetes.Dispose();
        dynamo.Dispose();
        wire.Dispose();
    }

    [Fact]
    public async Task Without_the_fence_no_kubernetes_write_leaves_but_reads_and_the_lease_do()
    {
        fence.BeginTerm();

        await Assert.ThrowsAsync<FencedWriteException>(() => kubernetes.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e" } }, "ns"));
        await Assert.ThrowsAsync<FencedWriteException>(() => kubernetes.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "ns"));
        await Assert.ThrowsAsync<FencedWriteException>(() => kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{}", V1Patch.PatchType.MergePatch), "budgetbuddy.io", "v1alpha1", "ns", "budgetbuddytenants", "t"));
        await kubernetes.CoreV1.ReadNamespacedSecretAsync("s", "ns");
        await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "operator" } }, "operator", "ns");

        Assert.Equal(["GET /api/v1/namespaces/ns/secrets/s", "PUT /apis/coordination.k8s.io/v1/namespaces/ns/leases/operator"], wire.Sent);
        Assert.Equal(3, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_fenced_writes_total", "target=\"kubernetes\""));
    }

    [Fact]
    public async Task Without_the_fence_no_dynamodb_write_leaves_but_reads_do()
    {
        fence.BeginTerm();

        await Assert.ThrowsAsync<FencedWriteException>(() => dynamo.PutItemAsync(new PutItemRequest { TableName = "t", Item = new() { ["pk"] = new AttributeValue { S = "a" } } }));
        await Assert.ThrowsAsync<FencedWriteException>(() => dynamo.CreateTableAsync(new CreateTableRequest { TableName = "t" }));
        await Assert.ThrowsAsync<FencedWriteException>(() => dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest { TableName = "t" }));
        await Assert.ThrowsAsync<FencedWriteException>(() => dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest()));
        await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = "t" });
        await dynamo.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["pk"] = new AttributeValue { S = "a" } } });

        Assert.Equal(["DescribeTable", "GetItem"], wire.Sent);
        Assert.Equal(4, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_fenced_writes_total", "target=\"dynamodb\""));
    }

    [Fact]
    public async Task A_replica_holding_the_fence_writes_to_both()
    {
        fence.Renewed(fence.BeginTerm(), time.GetTimestamp());

        await kubernetes.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e" } }, "ns");
        await dynamo.PutItemAsync(new PutItemRequest { TableName = "t", Item = new() { ["pk"] = new AttributeValue { S = "a" } } });

        Assert.Equal(["POST /api/v1/namespaces/ns/events", "PutItem"], wire.Sent);
    }

    [Fact]
    public async Task A_dynamodb_retry_that_comes_after_the_fence_fell_is_refused()
    {
        fence.Renewed(fence.BeginTerm(), time.GetTimestamp());
        // The first attempt fails after the whole renew deadline (a stalled endpoint); the SDK would try again.
        wire.OnDynamoDb = () =>
        {
            time.Advance(TimeSpan.FromSeconds(10));
            return HttpStatusCode.InternalServerError;
        };

        await Assert.ThrowsAsync<FencedWriteException>(() => dynamo.PutItemAsync(new PutItemRequest { TableName = "t", Item = new() { ["pk"] = new AttributeValue { S = "a" } } }));

        Assert.Equal(["PutItem"], wire.Sent);
    }

    /// <summary>Where both clients' requests end: recorded, and answered with an empty JSON object.</summary>
    private sealed class Wire : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> sent = new();

        public IReadOnlyList<string> Sent => [.. sent];

        public Func<HttpStatusCode> OnDynamoDb { get; set; } = () => HttpStatusCode.OK;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var status = HttpStatusCode.OK;
            var body = "{}";
            if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
            {
                var target = targets.Single();
                sent.Enqueue(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
                status = OnDynamoDb();
                if (status != HttpStatusCode.OK)
                {
                    body = """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"scripted"}""";
                }
            }
            else
            {
                sent.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
            }
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
                RequestMessage = request,
            });
        }
    }

    private sealed class WireFactory(Wire wire) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(wire, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}
