using System.Text;
using System.Text.Json;
using Parley.Channels.Acs;
using Parley.Testing.Fakes;
using Parley.Testing.Payloads.Acs;

namespace Parley.Channels.Tests.Acs;

/// <summary>The access-key HMAC against the official vectors (azure-sdk-for-js), in Parley's signer and in FakeAcs's own.</summary>
public sealed class AcsRequestSignerTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(AcsPayloads.Read("hmac-test-vectors.json")).RootElement;
    private static readonly byte[] Key = Convert.FromBase64String(Vectors.GetProperty("accessKey_base64").GetString()!);
    private static readonly DateTimeOffset FixedDate = DateTimeOffset.Parse(Vectors.GetProperty("fixedDate_mockdate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var c in Vectors.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("method").GetString()!, c.GetProperty("url").GetString()!, c.GetProperty("stringToSign").GetString()!, c.GetProperty("expectedAuthorization").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string?, string, string> Primitives()
    {
        var data = new TheoryData<string, string?, string, string>();
        foreach (var p in Vectors.GetProperty("primitives").EnumerateArray())
        {
            data.Add(p.GetProperty("op").GetString()!, p.TryGetProperty("key_base64", out var k) ? k.GetString() : null, p.GetProperty("input").GetString()!, p.GetProperty("expected").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Vectors_AreAllThere()
    {
        Cases().Count.ShouldBe(2);
        Primitives().Count.ShouldBe(4);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Sign_OfficialVector_SetsExactlyTheExpectedHeaders(string method, string url, string stringToSign, string expectedAuthorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        AcsRequestSigner.Sign(request, [], Key, FixedDate);

        request.Headers.GetValues("x-ms-date").Single().ShouldBe(Vectors.GetProperty("expected_x-ms-date").GetString());
        request.Headers.GetValues("x-ms-content-sha256").Single().ShouldBe(Vectors.GetProperty("expected_x-ms-content-sha256_emptyBody").GetString());
        request.Headers.GetValues("Authorization").Single().ShouldBe(expectedAuthorization);
        var uri = new Uri(url);
        AcsRequestSigner.StringToSign(method, uri.PathAndQuery, "Wed, 13 Apr 2022 18:09:12 GMT", uri.Authority, AcsRequestSigner.EmptyContentHash).ShouldBe(stringToSign);
    }

    [Theory, MemberData(nameof(Cases))]
    public void FakeAcsAlgorithm_OfficialVector_Matches(string method, string url, string stringToSign, string expectedAuthorization)
    {
        _ = stringToSign;
        var uri = new Uri(url);

        FakeAcs.ExpectedAuthorization(Key, method, uri.PathAndQuery, uri.Authority, "Wed, 13 Apr 2022 18:09:12 GMT", AcsRequestSigner.EmptyContentHash)
            .ShouldBe(expectedAuthorization);
    }

    [Theory, MemberData(nameof(Primitives))]
    public void Primitive_OfficialVector_Matches(string op, string? keyBase64, string input, string expected)
    {
        var actual = op switch
        {
            "sha256_base64" => AcsRequestSigner.ContentHash(Encoding.UTF8.GetBytes(input)),
            "hmac_sha256_base64" => AcsRequestSigner.Signature(Convert.FromBase64String(keyBase64!), input),
            _ => throw new InvalidOperationException($"Unknown vector op {op}"),
        };

        actual.ShouldBe(expected);
    }

    [Fact]
    public void Sign_PostWithBodyAndPort_AgreesWithTheIndependentAlgorithm()
    {
        var body = Encoding.UTF8.GetBytes("{\"kind\":\"text\",\"content\":\"héllo 😀\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5123/messages/notifications:send?api-version=2024-08-30");

        AcsRequestSigner.Sign(request, body, Key, FixedDate);

        var hash = request.Headers.GetValues("x-ms-content-sha256").Single();
        hash.ShouldBe(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)));
        request.Headers.GetValues("Authorization").Single().ShouldBe(
            FakeAcs.ExpectedAuthorization(Key, "POST", "/messages/notifications:send?api-version=2024-08-30", "127.0.0.1:5123", "Wed, 13 Apr 2022 18:09:12 GMT", hash));
    }

    [Fact]
    public void Sign_DifferentKey_GivesADifferentSignature()
    {
        using var a = new HttpRequestMessage(HttpMethod.Get, "https://example.com/testPath");
        using var b = new HttpRequestMessage(HttpMethod.Get, "https://example.com/testPath");

        AcsRequestSigner.Sign(a, [], Key, FixedDate);
        AcsRequestSigner.Sign(b, [], Convert.FromBase64String("cHc="), FixedDate);

        a.Headers.GetValues("Authorization").Single().ShouldNotBe(b.Headers.GetValues("Authorization").Single());
    }
}
