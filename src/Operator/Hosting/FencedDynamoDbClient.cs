using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>The operator's DynamoDB client: <see cref="DynamoDbWriteFence"/> stands in its pipeline.</summary>
internal sealed class FencedDynamoDbClient : AmazonDynamoDBClient
{
    private readonly LeaseFence fence;

    private FencedDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config, LeaseFence fence)
        : base(credentials, config) => this.fence = fence;

    private FencedDynamoDbClient(AmazonDynamoDBConfig config, LeaseFence fence)
        : base(config) => this.fence = fence;

    /// <summary>A client for <paramref name="settings"/> whose writes <paramref name="fence"/> guards.</summary>
    public static FencedDynamoDbClient Create(DynamoDbOptions settings, LeaseFence fence) =>
        Create(settings.LocalCredentials(), settings.ClientConfig(), fence);

    /// <summary>A client with <paramref name="credentials"/> (null: the SDK's default chain) whose writes <paramref name="fence"/> guards.</summary>
    public static FencedDynamoDbClient Create(AWSCredentials? credentials, AmazonDynamoDBConfig config, LeaseFence fence) =>
        credentials is not null ? new FencedDynamoDbClient(credentials, config, fence) : new FencedDynamoDbClient(config, fence);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // The base constructor builds the pipeline before this one sets the field, so the handler reads it per call.
        // After the retry handler, i.e. inside it: a retry that comes after the fence fell is refused too.
        pipeline.AddHandlerAfter<RetryHandler>(new DynamoDbWriteFence(() => fence));
    }
}
