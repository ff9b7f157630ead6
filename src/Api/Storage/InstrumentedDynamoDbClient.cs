using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace BudgetBuddy.Api.Storage;

/// <summary>The process's one DynamoDB client, with <see cref="DynamoDbMetricsHandler"/> in its pipeline.</summary>
internal sealed class InstrumentedDynamoDbClient : AmazonDynamoDBClient
{
    public InstrumentedDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
        : base(credentials, config)
    {
    }

    public InstrumentedDynamoDbClient(AmazonDynamoDBConfig config)
        : base(config)
    {
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // Outermost position: the measurement includes the SDK's retries, which is what a request waits for.
        pipeline.AddHandler(new DynamoDbMetricsHandler());
    }
}
