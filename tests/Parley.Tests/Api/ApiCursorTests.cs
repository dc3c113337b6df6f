using Parley.Api;

namespace Parley.Tests.Api;

public sealed class ApiCursorTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void EncodeDecode_RoundTrips_AndIsUrlSafe(long id)
    {
        var cursor = ApiCursor.Encode(id);

        cursor.ShouldNotContain("=");
        cursor.ShouldNotContain("+");
        cursor.ShouldNotContain("/");
        ApiCursor.TryDecode(cursor, out var decoded).ShouldBeTrue();
        decoded.ShouldBe(id);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("MTIz")] // base64 of "123" without the version prefix
    [InlineData("djE6LTE")] // "v1:-1"
    public void Decode_RefusesWhatItDidNotGiveOut(string cursor) =>
        ApiCursor.TryDecode(cursor, out _).ShouldBeFalse();

    [Fact]
    public void Decode_Empty_MeansTheFirstPage()
    {
        ApiCursor.TryDecode(null, out var none).ShouldBeTrue();
        none.ShouldBeNull();
    }
}
