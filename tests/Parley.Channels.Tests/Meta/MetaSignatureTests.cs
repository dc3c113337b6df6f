using System.Text;
using Parley.Channels.Meta;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Meta;

public sealed class MetaSignatureTests
{
    // Official test vector (WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts, meta-cloud-api.md §2).
    private const string Vector = "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221";
    private static readonly byte[] Test = Encoding.UTF8.GetBytes("test");

    [Fact]
    public void Compute_OfficialVector() => MetaSignature.Compute(Test, "TEST_APP_SECRET").ShouldBe(Vector);

    [Fact]
    public void IsValid_OfficialVector() => MetaSignature.IsValid(Test, Vector, "TEST_APP_SECRET").ShouldBeTrue();

    [Fact]
    public void TestHelper_SignsLikeMeta() => MetaWebhooks.Sign(Test, "TEST_APP_SECRET").ShouldBe(Vector);

    [Fact]
    public void IsValid_UppercaseHex_IsAccepted() =>
        MetaSignature.IsValid(Test, "sha256=" + Vector["sha256=".Length..].ToUpperInvariant(), "TEST_APP_SECRET").ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")]
    [InlineData("sha1=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")]
    [InlineData("sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888222")]
    [InlineData("sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d98882")]
    [InlineData("sha256=zz61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")]
    public void IsValid_MissingOrWrong_IsRejected(string? header) => MetaSignature.IsValid(Test, header, "TEST_APP_SECRET").ShouldBeFalse();

    [Fact]
    public void IsValid_OtherSecret_IsRejected() => MetaSignature.IsValid(Test, Vector, "OTHER_SECRET").ShouldBeFalse();

    [Fact]
    public void IsValid_OtherBody_IsRejected() => MetaSignature.IsValid(Encoding.UTF8.GetBytes("test "), Vector, "TEST_APP_SECRET").ShouldBeFalse();

    /// <summary>Meta signs the bytes it sends (non-ASCII escaped as \uXXXX); those bytes, not a re-serialization, are hashed.</summary>
    [Fact]
    public void IsValid_HashesTheExactBytes()
    {
        var escaped = Encoding.UTF8.GetBytes("{\"body\":\"\\u00e4\\u00f6\\u00e5\"}");
        var decoded = Encoding.UTF8.GetBytes("{\"body\":\"äöå\"}");
        var signature = MetaSignature.Compute(escaped, "s");

        MetaSignature.IsValid(escaped, signature, "s").ShouldBeTrue();
        MetaSignature.IsValid(decoded, signature, "s").ShouldBeFalse();
    }
}
