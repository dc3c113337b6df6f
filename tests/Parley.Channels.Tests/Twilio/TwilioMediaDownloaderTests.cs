using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

public sealed class TwilioMediaDownloaderTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    private static async Task<byte[]> ReadAllAsync(DownloadedMedia media)
    {
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task RedirectToAnotherOrigin_GetsTheBytes_WithoutForwardingCredentials()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var url = twilio.Fake.AddMedia(Jpeg, "image/jpeg", MediaRedirect.OtherOrigin);

        await using var media = await twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Url = url }, CancellationToken.None);

        (await ReadAllAsync(media)).ShouldBe(Jpeg);
        media.MimeType.ShouldBe("image/jpeg");
        var requests = twilio.Fake.Requests;
        requests.Count.ShouldBe(2);
        requests[0].Origin.ShouldBe(twilio.Fake.BaseUrl);
        requests[0].Authorization!.ShouldStartWith("Basic ");
        requests[0].Status.ShouldBe(307);
        requests[1].Origin.ShouldBe(twilio.Fake.CdnBaseUrl);
        requests[1].Path.ShouldStartWith("/cdn/ME");
        requests[1].Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task RedirectOnTheSameOrigin_KeepsCredentials()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var url = twilio.Fake.AddMedia(Jpeg, "image/png", MediaRedirect.SameOrigin);

        await using var media = await twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Url = url }, CancellationToken.None);

        (await ReadAllAsync(media)).ShouldBe(Jpeg);
        media.MimeType.ShouldBe("image/png");
        twilio.Fake.Requests.Select(r => r.Authorization is not null).ShouldBe([true, true]);
    }

    [Fact]
    public async Task DirectAnswer_GetsTheBytes()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var url = twilio.Fake.AddMedia(Jpeg, "audio/ogg", MediaRedirect.None);

        await using var media = await twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Url = url, MimeType = "audio/ogg" }, CancellationToken.None);

        (await ReadAllAsync(media)).ShouldBe(Jpeg);
        twilio.Fake.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task UnknownMedia_IsPermanent()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var url = $"{twilio.Fake.BaseUrl}/2010-04-01/Accounts/{twilio.Fake.AccountSid}/Messages/MM1/Media/MEmissing";

        var error = await Should.ThrowAsync<MediaDownloadException>(() => twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Url = url }, CancellationToken.None));

        error.Transient.ShouldBeFalse();
        error.Message.ShouldContain("404");
    }

    [Fact]
    public async Task WrongCredentials_ArePermanent()
    {
        await using var twilio = await TwilioHarness.StartAsync();
        var url = twilio.Fake.AddMedia(Jpeg, "image/jpeg");

        var error = await Should.ThrowAsync<MediaDownloadException>(() => twilio.Downloader.DownloadAsync(twilio.Account(authToken: "nope"), new MediaInfo { Url = url }, CancellationToken.None));

        error.Transient.ShouldBeFalse();
        error.Message.ShouldContain("credentials");
    }

    [Fact]
    public async Task Unreachable_IsTransient()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var error = await Should.ThrowAsync<MediaDownloadException>(() => twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Url = "http://127.0.0.1:9/m/ME1" }, CancellationToken.None));

        error.Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task NoUrl_IsPermanent()
    {
        await using var twilio = await TwilioHarness.StartAsync();

        var error = await Should.ThrowAsync<MediaDownloadException>(() => twilio.Downloader.DownloadAsync(twilio.Account(), new MediaInfo { Id = "ME1" }, CancellationToken.None));

        error.Transient.ShouldBeFalse();
    }
}
