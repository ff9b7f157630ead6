using BudgetBuddy.Api.Http;

namespace BudgetBuddy.UnitTests.Http;

public sealed class PageCursorTests
{
    [Fact]
    public void A_cursor_decodes_to_the_sort_key_it_was_made_from()
    {
        var cursor = PageCursor.Encode("accounts", "ACCOUNT#0192");
        Assert.True(PageCursor.TryDecode(cursor, "accounts", "ACCOUNT#", out var sortKey));
        Assert.Equal("ACCOUNT#0192", sortKey);
    }

    [Theory]
    [InlineData("categories", "ACCOUNT#")]
    [InlineData("accounts", "CATEGORY#")]
    public void A_cursor_of_another_collection_or_key_space_is_refused(string collection, string prefix)
    {
        var cursor = PageCursor.Encode("accounts", "ACCOUNT#0192");
        Assert.False(PageCursor.TryDecode(cursor, collection, prefix, out _));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("bm90LWEtY3Vyc29y")]
    [InlineData("")]
    public void Garbage_is_not_a_cursor(string cursor)
    {
        Assert.False(PageCursor.TryDecode(cursor, "accounts", "ACCOUNT#", out _));
    }

    [Fact]
    public void A_cursor_cannot_smuggle_a_key_outside_its_prefix()
    {
        var forged = PageCursor.Encode("accounts", "IDEMP#someone-else");
        Assert.False(PageCursor.TryDecode(forged, "accounts", "ACCOUNT#", out _));
    }
}
