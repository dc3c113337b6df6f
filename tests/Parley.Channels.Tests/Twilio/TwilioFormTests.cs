using System.Text;
using System.Text.Json;
using Parley.Channels.Twilio;

namespace Parley.Channels.Tests.Twilio;

public sealed class TwilioFormTests
{
    [Fact]
    public void Parse_DecodesPlusAndPercentAsUtf8()
    {
        var form = TwilioForm.Parse("Body=hola+qu%C3%A9+tal%3F+%F0%9F%91%8B&From=whatsapp%3A%2B15550001111");

        form["Body"].ShouldBe("hola qué tal? 👋");
        form["From"].ShouldBe("whatsapp:+15550001111");
    }

    [Fact]
    public void Parse_KeepsOrderDuplicatesAndEmptyValues()
    {
        var form = TwilioForm.Parse("B=2&A=&A=1&Flag&&C=x%3Dy");

        form.Fields.Select(f => $"{f.Key}:{f.Value}").ShouldBe(["B:2", "A:", "A:1", "Flag:", "C:x=y"]);
        form["A"].ShouldBe("");
        form.Value("A").ShouldBeNull();
        form.Has("A").ShouldBeTrue();
        form.Has("Missing").ShouldBeFalse();
    }

    [Fact]
    public void Parse_FromBytes_IsTheSameAsFromText()
    {
        var body = "Body=%E2%82%AC5&NewField=1";

        TwilioForm.Parse(Encoding.UTF8.GetBytes(body)).Fields.ShouldBe(TwilioForm.Parse(body).Fields);
    }

    [Fact]
    public void ToJson_KeepsEveryField_RepeatedOnesAsArrays()
    {
        var form = TwilioForm.Parse("Body=caf%C3%A9&A=1&A=2&SomethingNew=x");

        using var json = JsonDocument.Parse(form.ToJson());
        json.RootElement.GetProperty("Body").GetString().ShouldBe("café");
        json.RootElement.GetProperty("A").EnumerateArray().Select(e => e.GetString()).ShouldBe(["1", "2"]);
        json.RootElement.GetProperty("SomethingNew").GetString().ShouldBe("x");
        form.ToJson().ShouldContain("café");
    }
}
