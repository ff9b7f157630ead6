using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http;

namespace BudgetBuddy.UnitTests.Http;

public sealed class EntityTagTests
{
    private static long? Required(string? ifMatch)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }
        return EntityTag.RequiredVersion(context.Request);
    }

    [Fact]
    public void The_etag_of_a_version_round_trips_through_if_match()
    {
        Assert.Equal(7, Required(EntityTag.For(7)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public void No_if_match_or_a_wildcard_pins_no_version(string? header)
    {
        Assert.Null(Required(header));
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"seven\"")]
    [InlineData("7")]
    [InlineData("\"1\", \"2\"")]
    public void A_tag_that_cannot_be_a_current_strong_version_never_matches(string header)
    {
        Assert.Equal(-1, Required(header));
    }
}
