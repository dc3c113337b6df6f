using System.Net;
using Parley.Channels.Acs;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Acs;

/// <summary>The fake must refuse what real ACS refuses, or the channel tests prove nothing.</summary>
public sealed class FakeAcsTests
{
    [Fact]
    public async Task Fake_TamperedSignatureOrBody_Answers401()
    {
        await using var fake = await FakeAcs.StartAsync();
        using var http = new HttpClient();
        var key = Convert.FromBase64String(fake.AccessKey);

        using var good = new HttpRequestMessage(HttpMethod.Get, $"{fake.BaseUrl}/messages/channels/{fake.ChannelRegistrationId}/templates?api-version=2024-08-30");
        AcsRequestSigner.Sign(good, [], key, TimeProvider.System.GetUtcNow());
        using var goodResponse = await http.SendAsync(good);

        using var tampered = new HttpRequestMessage(HttpMethod.Post, $"{fake.BaseUrl}{FakeAcs.SendPath}?api-version=2024-08-30");
        AcsRequestSigner.Sign(tampered, "{\"kind\":\"text\"}"u8, key, TimeProvider.System.GetUtcNow());
        tampered.Content = new StringContent("{\"kind\":\"other\"}"); // not the body that was signed
        using var tamperedResponse = await http.SendAsync(tampered);

        using var unsigned = new HttpRequestMessage(HttpMethod.Get, $"{fake.BaseUrl}/messages/streams/x?api-version=2024-08-30");
        using var unsignedResponse = await http.SendAsync(unsigned);

        goodResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        tamperedResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unsignedResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        fake.Requests.Select(r => r.SignatureValid).ShouldBe([true, false, false]);
    }
}
