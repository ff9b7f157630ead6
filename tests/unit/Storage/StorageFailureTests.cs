using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.UnitTests.Storage;

public sealed class StorageFailureTests
{
    public static TheoryData<Exception> PassOnceTheStoreAnswers => new()
    {
        // What the SDK throws with DynamoDB stopped: no AWS exception at all.
        new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        new AmazonDynamoDBException("response cut off", new IOException("The response ended prematurely.")),
        new AmazonDynamoDBException("unavailable") { StatusCode = HttpStatusCode.ServiceUnavailable },
        new ProvisionedThroughputExceededException("throttled"),
        new TimeoutException(),
    };

    public static TheoryData<Exception> StayUntilSomethingChanges => new()
    {
        new ConditionalCheckFailedException("condition"),
        new ResourceNotFoundException("no such table"),
        new AmazonDynamoDBException("validation") { StatusCode = HttpStatusCode.BadRequest },
        new InvalidOperationException("a defect"),
    };

    [Theory]
    [MemberData(nameof(PassOnceTheStoreAnswers))]
    public void A_store_that_cannot_be_reached_or_is_overloaded_is_a_transient_failure(Exception failure) =>
        Assert.True(StorageFailure.IsTransient(failure));

    [Theory]
    [MemberData(nameof(StayUntilSomethingChanges))]
    public void A_refusal_or_a_defect_is_not_a_transient_failure(Exception failure) =>
        Assert.False(StorageFailure.IsTransient(failure));
}
