using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Tells the failures that pass once DynamoDB answers again (unreachable, reset, timed out, throttled, its own 500 or
/// 503) from the rest. With the endpoint down the SDK throws no AWS exception at all, but the
/// <see cref="HttpRequestException"/> of the refused connection, so a check for the SDK's types alone misses an outage.
/// </summary>
internal static class StorageFailure
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException => true,
        AmazonServiceException { StatusCode: System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.InternalServerError } => true,
        // The SDK wraps a response cut off mid-body (the store stopping as it answered) in an unmarshalling error.
        AmazonServiceException { InnerException: { } inner } => IsTransient(inner),
        AmazonServiceException => false,
        // A connection the store closed while it was being set up can surface as a bare SocketException.
        AmazonClientException or HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
