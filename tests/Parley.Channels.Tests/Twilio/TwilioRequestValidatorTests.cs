using System.Text;
using System.Text.Json.Nodes;
using Parley.Channels.Twilio;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

/// <summary>X-Twilio-Signature against the official vectors of Twilio's C# and Python SDKs (signature-test-vectors.json).</summary>
public sealed class TwilioRequestValidatorTests
{
    private static readonly JsonNode Vectors = TwilioPayloads.Json("signature-test-vectors.json");
    private static readonly string Token = Vectors["authToken"]!.GetValue<string>();

    private static List<KeyValuePair<string, string>> Params() =>
        [.. Vectors["formParams"]!.AsObject().Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.GetValue<string>()))];

    private const string Base = "https://mycompany.com/myapp.php?foo=1&bar=2";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Vectors["cases"]!.AsArray())
        {
            data.Add(c!["url"]!.GetValue<string>(), c["expected"]!.GetValue<string>());
        }

        return data;
    }

    [Fact]
    public void Vectors_AreAllLoaded()
    {
        Cases().Count.ShouldBe(11);
    }

    [Theory, MemberData(nameof(Cases))]
    public void ComputeSignature_OfficialVector_Matches(string url, string expected)
    {
        TwilioRequestValidator.ComputeSignature(url, Params(), Token).ShouldBe(expected);
    }

    [Theory, MemberData(nameof(Cases))]
    public void IsValid_OfficialVector_IsAccepted(string url, string expected)
    {
        TwilioRequestValidator.IsValid(url, Params(), expected, Token).ShouldBeTrue();
    }

    [Theory, MemberData(nameof(Cases))]
    public void TestSigner_OfficialVector_Matches(string url, string expected)
    {
        // The tests' own signer must agree with Twilio too, or the end-to-end tests prove nothing.
        TwilioSignature.Compute(url, Params(), Token).ShouldBe(expected);
    }

    [Theory]
    [InlineData(Base, "kvajT1Ptam85bY51eRf/AJRuM3w=")] // signed with :443, received without
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")] // signed with :80
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // signed without, received with :443
    public void IsValid_PortAddedOrRemoved_IsAccepted(string url, string signature)
    {
        TwilioRequestValidator.IsValid(url, Params(), signature, Token).ShouldBeTrue();
    }

    [Fact]
    public void IsValid_OtherPort_IsRefused()
    {
        // :1234 signed, received on the default port: not a port variant the SDKs accept.
        TwilioRequestValidator.IsValid(Base, Params(), "CYn1h0gLBdNxDGkKJg6hYohgeD8=", Token).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_HostCaseDiffers_IsRefused()
    {
        TwilioRequestValidator.IsValid("https://MyCompany.com/myapp.php?foo=1&bar=2", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token).ShouldBeFalse();
    }

    [Fact]
    public void DuplicateKeys_PythonVector_Matches()
    {
        var dup = Vectors["duplicateKeyCase"]!;
        var form = TwilioForm.Parse(dup["formBody"]!.GetValue<string>());
        var url = dup["url"]!.GetValue<string>();
        var expected = dup["expected"]!.GetValue<string>();

        TwilioRequestValidator.ComputeSignature(url, form.Fields, Token).ShouldBe(expected);
        TwilioRequestValidator.IsValid(url, form.Fields, expected, Token).ShouldBeTrue();
        TwilioSignature.Compute(url, form.Fields, Token).ShouldBe(expected);
    }

    public static TheoryData<string, string> JsonCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Vectors["jsonBodyVariant"]!["cases"]!.AsArray())
        {
            data.Add(c!["url"]!.GetValue<string>(), c["expected"]!.GetValue<string>());
        }

        return data;
    }

    [Theory, MemberData(nameof(JsonCases))]
    public void IsValidJsonBody_OfficialVector_IsAccepted(string url, string expected)
    {
        var body = Encoding.UTF8.GetBytes(Vectors["jsonBodyVariant"]!["body"]!.GetValue<string>());

        TwilioRequestValidator.IsValidJsonBody(url, body, expected, Token).ShouldBeTrue();
    }

    [Theory, MemberData(nameof(JsonCases))]
    public void IsValidJsonBody_BodyChanged_IsRefused(string url, string expected)
    {
        var body = Encoding.UTF8.GetBytes("{\"property\": \"value\", \"boolean\": false}");

        TwilioRequestValidator.IsValidJsonBody(url, body, expected, Token).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_WrongToken_IsRefused()
    {
        TwilioRequestValidator.IsValid(Base, Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "54321").ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    public void IsValid_MissingOrAlteredSignature_IsRefused(string? signature)
    {
        TwilioRequestValidator.IsValid(Base, Params(), signature, Token).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_FieldChanged_IsRefused()
    {
        var tampered = Params().Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p).ToList();

        TwilioRequestValidator.IsValid(Base, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_FieldAdded_IsRefused()
    {
        // Twilio signs every field it sends, so a field added in transit breaks the signature.
        var extra = Params().Append(new("Extra", "")).ToList();

        TwilioRequestValidator.IsValid(Base, extra, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Token).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_EmptyValuedField_IsPartOfTheSignature()
    {
        var form = Params().Append(new("Body", "")).ToList();
        var signature = TwilioSignature.Compute(Base, form, Token);

        TwilioRequestValidator.IsValid(Base, form, signature, Token).ShouldBeTrue();
        TwilioRequestValidator.IsValid(Base, Params(), signature, Token).ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://example.com/x?a=1", new[] { "https://example.com/x?a=1", "https://example.com:443/x?a=1" })]
    [InlineData("HTTP://example.com", new[] { "HTTP://example.com", "HTTP://example.com:80" })]
    [InlineData("http://u:p@Example.com:8080/x", new[] { "http://u:p@Example.com:8080/x", "http://u:p@Example.com/x" })]
    [InlineData("http://u:p@example.com/x", new[] { "http://u:p@example.com/x", "http://u:p@example.com:80/x" })]
    [InlineData("http://[::1]:5000/x", new[] { "http://[::1]:5000/x", "http://[::1]/x" })]
    [InlineData("http://[::1]/x", new[] { "http://[::1]/x", "http://[::1]:80/x" })]
    [InlineData("not a url", new[] { "not a url" })]
    public void UrlVariants_TogglesOnlyThePort(string url, string[] expected)
    {
        TwilioRequestValidator.UrlVariants(url).ShouldBe(expected);
    }
}
