using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Acs;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Testing.Fakes;
using Parley.Testing.Payloads.Acs;

namespace Parley.Channels.Tests.Acs;

public sealed class AcsMediaDownloaderTests : IAsyncLifetime
{
    private FakeAcs _fake = null!;
    private ServiceProvider _services = null!;

    private AcsMediaDownloader Downloader => _services.GetRequiredService<AcsMediaDownloader>();

    public async Task InitializeAsync()
    {
        _fake = await FakeAcs.StartAsync();
        _services = AcsTestKit.Services();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task DownloadAsync_TheOfficialExample_StreamsTheBytesWithTheEventsMimeType()
    {
        // Stream_GetMedia: GET {endpoint}/messages/streams/{id}?api-version=2024-08-30 answers the bytes.
        var example = JsonNode.Parse(AcsPayloads.Read("get-media.x-ms-example.2024-08-30.json"))!["parameters"]!;
        var id = example["id"]!.GetValue<string>();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        _fake.AddMedia(id, bytes);

        await using var media = await Downloader.DownloadAsync(AcsTestKit.Account(_fake),
            new MediaInfo { Id = id, MimeType = "image/jpeg", FileName = "a.jpg" }, default);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        copy.ToArray().ShouldBe(bytes);
        media.MimeType.ShouldBe("image/jpeg"); // ACS serves application/octet-stream; the event knows better
        media.FileName.ShouldBe("a.jpg");
        var request = _fake.Requests.Single();
        request.PathAndQuery.ShouldBe($"/messages/streams/{id}?api-version={example["api-version"]!.GetValue<string>()}");
        request.SignatureValid.ShouldBeTrue();
    }

    [Fact]
    public async Task DownloadAsync_UnknownMedia_IsPermanent()
    {
        var ex = await Should.ThrowAsync<MediaDownloadException>(() => Downloader.DownloadAsync(AcsTestKit.Account(_fake), new MediaInfo { Id = "nope" }, default));

        ex.Transient.ShouldBeFalse();
        ex.Message.ShouldContain("404");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task DownloadAsync_ServerErrorOrThrottled_IsTransient(int status)
    {
        _fake.EnqueueMedia(FakeAcsReply.Error(status, "Oops", "try later"));

        var ex = await Should.ThrowAsync<MediaDownloadException>(() => Downloader.DownloadAsync(AcsTestKit.Account(_fake), new MediaInfo { Id = "m" }, default));

        ex.Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task DownloadAsync_WrongKey_IsPermanentNamingTheKey()
    {
        _fake.AddMedia("m", [1, 2, 3]);
        var account = AcsTestKit.Account(_fake, accessKey: Convert.ToBase64String(new byte[16]));

        var ex = await Should.ThrowAsync<MediaDownloadException>(() => Downloader.DownloadAsync(account, new MediaInfo { Id = "m" }, default));

        ex.Transient.ShouldBeFalse();
        ex.Message.ShouldContain("AccessKey");
    }
}
