using Parley.Booking.Admin;
using Parley.Booking.Demo;
using Parley.Booking.Store;
using Parley.Core.Media;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Admin;

/// <summary>An operator's activity edits: validated forms, unique slugs, edits that keep what the form does not show, and pictures told by their content.</summary>
public sealed class ActivityEditorTests
{
    private static readonly Dictionary<string, string?> NoDemo = new() { ["Parley:Booking:Demo"] = "false" };

    private static ActivityForm Kayak() => new()
    {
        Name = "Sunset kayak",
        NameEs = "Kayak al atardecer",
        Description = "Paddle along the bay at sunset.",
        Category = "Water",
        Tags = "sea, Sunset",
        Price = "35.50",
        Currency = "usd",
        DurationMinutes = 90,
        MeetingPoint = "Boat house",
        MinAge = 10,
        DefaultCapacity = 8,
    };

    [Theory, SqliteData, PostgresData]
    public async Task Create_GivesEachActivityItsOwnSlug_AndAnEditKeepsTheSlugAndTheSpanishTexts(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, NoDemo);
        var editor = app.Get<ActivityEditor>();
        var catalog = app.Get<ActivityCatalog>();

        var first = await editor.SaveAsync(null, Kayak());
        var second = await editor.SaveAsync(null, Kayak());

        first.Ok.ShouldBeTrue();
        second.Ok.ShouldBeTrue();
        second.Id.ShouldNotBe(first.Id);
        var kayak = (await catalog.FindAsync(first.Id!.Value))!;
        (kayak.Slug, (await catalog.FindAsync(second.Id!.Value))!.Slug).ShouldBe(("sunset-kayak", "sunset-kayak-2"));
        (kayak.Category, kayak.Tags, kayak.PriceCents, kayak.Currency, kayak.Source).ShouldBe(("water", "sea,sunset", 3550L, "USD", "admin"));

        var edit = ActivityForm.From(kayak);
        edit.Price = "40";
        edit.Active = false;
        (await editor.SaveAsync(kayak.Id, edit)).Ok.ShouldBeTrue();

        var edited = (await catalog.FindAsync(kayak.Id))!;
        (edited.Slug, edited.PriceCents, edited.Active, edited.NameEs, edited.MinAge).ShouldBe(("sunset-kayak", 4000L, false, "Kayak al atardecer", 10));
        (await catalog.ListAsync(includeInactive: true)).Count.ShouldBe(2);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ABadForm_IsRefusedFieldByField_AndNothingIsSaved(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, NoDemo);
        var form = Kayak();
        form.Name = " ";
        form.Price = "12.345";
        form.Currency = "dollars";
        form.DefaultCapacity = 0;
        form.DurationMinutes = 0;

        var result = await app.Get<ActivityEditor>().SaveAsync(null, form);

        result.Ok.ShouldBeFalse();
        result.Errors.Keys.Order().ShouldBe(["capacity", "currency", "duration", "name", "price"]);
        result.Errors["price"].ShouldContain("'12.345' is not an amount");
        (await app.Get<ActivityCatalog>().ListAsync(includeInactive: true)).ShouldBeEmpty();
        (await app.Get<ActivityEditor>().SaveAsync(999, Kayak())).Errors.Keys.ShouldBe(["id"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task AnUpload_ThatIsNotAnImage_IsRefused_WhateverItsName_AndAPictureIsStoredWithItsAltText(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, NoDemo);
        var editor = app.Get<ActivityEditor>();
        var catalog = app.Get<ActivityCatalog>();
        var id = (await editor.SaveAsync(null, Kayak())).Id!.Value;

        using var script = new MemoryStream("<script>alert(1)</script>"u8.ToArray());
        var refused = await editor.UploadImageAsync(id, script, "sunset.png", "A kayak", primary: false);

        refused.Ok.ShouldBeFalse();
        refused.Error!.ShouldContain("sunset.png is not an image");
        (await catalog.ImagesAsync(id)).ShouldBeEmpty();

        using var empty = new MemoryStream();
        (await editor.UploadImageAsync(id, empty, "empty.jpg", null, false)).Error!.ShouldContain("is empty");

        using var tooLarge = new MemoryStream(new byte[ActivityEditor.MaxImageBytes + 1]);
        (await editor.UploadImageAsync(id, tooLarge, "huge.png", null, false)).Error!.ShouldContain("larger than 5 MB");

        var png = PictureMaker.Paint(0x1e3a8a, 0x0ea5e9, 0xfacc15, waves: true, seed: 1);
        using var picture = new MemoryStream(png);
        var first = await editor.UploadImageAsync(id, picture, "kayak photo.PNG", "  Two kayaks at sunset ", primary: false);
        using var second = new MemoryStream(PictureMaker.Paint(0x0f172a, 0x155e75, 0xf97316, waves: false, seed: 2));
        var other = await editor.UploadImageAsync(id, second, "beach.png", null, primary: true);

        first.Ok.ShouldBeTrue();
        (first.Image!.MimeType, first.Image.AltText).ShouldBe(("image/png", "Two kayaks at sunset"));
        other.Image!.AltText.ShouldBe("Sunset kayak");
        var images = await catalog.ImagesAsync(id);
        images.Single(i => i.IsPrimary).Id.ShouldBe(other.Image.Id);
        var stored = await app.Get<IMediaStore>().OpenAsync(first.Image.MediaId, default);
        stored.ShouldNotBeNull();
        await stored.Value.Content.DisposeAsync();
        stored.Value.Media.MimeType.ShouldBe("image/png");

        (await editor.SetAltTextAsync(id, first.Image.Id, "Kayaks on the bay")).ShouldBeTrue();
        (await editor.SetAltTextAsync(id, first.Image.Id, "  ")).ShouldBeFalse();
        (await editor.SetAltTextAsync(id + 1, first.Image.Id, "Someone else's")).ShouldBeFalse();
        (await catalog.ImagesAsync(id)).Single(i => i.Id == first.Image.Id).AltText.ShouldBe("Kayaks on the bay");
    }
}
