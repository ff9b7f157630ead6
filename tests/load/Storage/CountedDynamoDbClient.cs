using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace BudgetBuddy.Load.Storage;

/// <summary>The storage path's one DynamoDB client, configured as the API's, with <see cref="CallCounter"/> outermost in its pipeline.</summary>
internal sealed class CountedDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config, CallCounter counter)
    : AmazonDynamoDBClient(credentials, config)
{
    // A field initializer, not the captured parameter: the base constructor builds the pipeline before a constructor
    // body could run, and initializers run before it.
    private readonly CallCounter calls = counter;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandler(calls.Handler());
    }
}
