using System.Globalization;
using Parley.Core.Messaging;

namespace Parley.Tests.Ai;

/// <summary>Images, voice notes and documents sent to the assistant, with and without a provider, including bad files.</summary>
public sealed class MediaTests
{
    private const string Ana = "+15550006666";

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC");

    [Fact]
    public async Task Image_GoesToTheVisionModel_WithItsCaptionAsTheQuestion()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        await app.Sandbox.SendFileAsync(Ana, Png, "screen.png", "image/png", "what is in this picture?");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text.ShouldBe("Fake answer to: what is in this picture?");
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.Model.ShouldBe("fake-vision");
        request.Images.ShouldBe(1);
        request.Raw.Text.ShouldContain("data:image/png;base64,");
    }

    [Fact]
    public async Task Image_Offline_SaysWhatItReceived()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendFileAsync(Ana, Png, "photo.png", "image/png");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text
            .ShouldBe("I received your image (photo.png, 1 KB), but I can't look at images here. Could you tell me in words what you need?");
    }

    [Fact]
    public async Task VoiceNote_IsTranscribed_StoredWithTheMessage_AndAnsweredAsText()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Transcript = "How do I configure Meta?";
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        var id = await app.Sandbox.SendFileAsync(Ana, Wav.Tone(TimeSpan.FromMilliseconds(300)), "voice.wav", "audio/wav");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text!.ShouldStartWith("Fake answer to:");
        var transcription = fake.TranscriptionRequests.ShouldHaveSingleItem();
        transcription.Text.ShouldContain("fake-whisper");
        transcription.Text.ShouldContain("voice.wav");
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.LastUser.ShouldContain("<transcript kind=\"voice note\">\nHow do I configure Meta?\n</transcript>");
        request.System.ShouldContain("[1] WhatsApp providers › Meta (WhatsApp Cloud API)");
        var stored = await app.Get<MessageQueries>().FindAsync(long.Parse(id, CultureInfo.InvariantCulture));
        stored!.Content.Media!.Transcript.ShouldBe("How do I configure Meta?");
    }

    [Fact]
    public async Task VoiceNote_WithAProviderThatCannotTranscribe_AsksForText()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        await using var app = await AiTestApp.WithAnthropicAsync(fake);

        await app.Sandbox.SendFileAsync(Ana, Wav.Tone(TimeSpan.FromMilliseconds(300)), "voice.wav", "audio/wav");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text!.ShouldStartWith("I received your voice note (voice.wav");
        fake.ChatRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pdf_WithAQuestion_Offline_QuotesTheMatchingPart()
    {
        await using var app = await AiTestApp.OfflineAsync();
        var pdf = TestDocuments.Pdf([["Lease agreement", "The tenant pays the rent on the 5th day of each month."], ["Pets are allowed with a deposit of one month of rent."]]);

        await app.Sandbox.SendFileAsync(Ana, pdf, "lease.pdf", "application/pdf", "are pets allowed?");

        var reply = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        reply.Text!.ShouldStartWith("Here's what I found in *lease.pdf*:");
        reply.Text.ShouldContain("📄 *p. 2*");
        reply.Text.ShouldContain("> Pets are allowed with a deposit of one month of rent.");
    }

    [Fact]
    public async Task Pdf_WithoutAQuestion_IsSummarizedByTheModel_FromItsText()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Answer = r => r.LastUser.Contains("Pets are allowed", StringComparison.Ordinal) ? "A lease: rent on the 5th, pets allowed with a deposit." : "I saw no document.";
        await using var app = await AiTestApp.WithOpenAiAsync(fake);
        var pdf = TestDocuments.Pdf([["Lease agreement", "The tenant pays the rent on the 5th day of each month."], ["Pets are allowed with a deposit of one month of rent."]], unicode: true);

        await app.Sandbox.SendFileAsync(Ana, pdf, "lease.pdf", "application/pdf");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text.ShouldBe("A lease: rent on the 5th, pets allowed with a deposit.");
        fake.ChatRequests.ShouldHaveSingleItem().LastUser.ShouldStartWith("<document name=\"lease.pdf\" pages=\"2\">\np. 1");
    }

    [Fact]
    public async Task Docx_Offline_SaysWhatItRead()
    {
        await using var app = await AiTestApp.OfflineAsync();
        var docx = TestDocuments.Docx((1, "Handbook"), (0, "Welcome to the team. You have 20 days of holidays a year."));

        await app.Sandbox.SendFileAsync(Ana, docx, "handbook.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var reply = (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem();
        reply.Text!.ShouldStartWith("I read *handbook.docx* (12 words). It begins:\n> Handbook Welcome to the team.");
    }

    [Fact]
    public async Task CorruptPdf_GetsAClearReply()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendFileAsync(Ana, TestDocuments.CorruptPdf(), "broken.pdf", "application/pdf", "what does it say?");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text
            .ShouldBe("I couldn't open *broken.pdf*: it seems damaged. Could you send it again or in another format?");
    }

    [Fact]
    public async Task ScannedPdf_SaysItHasNoText()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        await app.Sandbox.SendFileAsync(Ana, TestDocuments.ScannedPdf(), "scan.pdf", "application/pdf");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text!.ShouldStartWith("*scan.pdf* has no text I can read");
        fake.ChatRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task TooLargeImage_GetsTheLimit()
    {
        // The sandbox takes 5 MiB by default and would refuse the file itself; let it through to the assistant's own limit.
        await using var app = await AiTestApp.OfflineAsync(extra: new Dictionary<string, string?> { ["Parley:Sandbox:MaxUploadBytes"] = "16777216" });

        await app.Sandbox.SendFileAsync(Ana, new byte[6 * 1024 * 1024], "huge.jpg", "image/jpeg");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text.ShouldBe("That image is too large for me: the limit is 5 MB.");
    }

    [Fact]
    public async Task UnsupportedFile_SaysWhatItCanRead()
    {
        await using var app = await AiTestApp.OfflineAsync();

        await app.Sandbox.SendFileAsync(Ana, "PK\u0003\u0004zip"u8.ToArray(), "photos.zip", "application/zip");

        (await app.Sandbox.WaitForRepliesAsync(Ana, 1)).ShouldHaveSingleItem().Text
            .ShouldBe("I can't read 'photos.zip'. I can read PDF, Word (DOCX), text, Markdown and HTML files.");
    }
}
