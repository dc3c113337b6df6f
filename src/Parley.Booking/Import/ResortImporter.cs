using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Booking.Demo;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Media;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parley.Booking.Import;

/// <summary>
/// Loads a resort from YAML (<see cref="ResortFile"/>): activities are created or updated by slug, images are stored
/// through the media store (once each), slot rules create the slots of the coming days (existing ones are kept).
/// </summary>
public sealed class ResortImporter(ActivityCatalog activities, SlotSchedule slots, IMediaStore media, IOptions<BookingOptions> options, TimeProvider time)
{
    public const long MaxImageBytes = 5 * 1024 * 1024;

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>Parses the YAML; a mistake throws <see cref="FormatException"/> naming the place.</summary>
    public static ResortFile Parse(string yaml, string origin)
    {
        try
        {
            var file = Yaml.Deserialize<ResortFile>(yaml) ?? new ResortFile();
            var problems = new List<string>();
            foreach (var (a, i) in file.Activities.Select((a, i) => (a, i)))
            {
                var at = $"activities[{i}]";
                if (string.IsNullOrWhiteSpace(a.Slug) || !a.Slug.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    problems.Add($"{at}.slug must be letters, digits and dashes.");
                }

                if (string.IsNullOrWhiteSpace(a.Name) || string.IsNullOrWhiteSpace(a.Description) || string.IsNullOrWhiteSpace(a.Category))
                {
                    problems.Add($"{at} needs name, description and category.");
                }

                if (a.Price < 0 || a.Capacity < 1 || a.Duration < 1 || a.MinAge < 0)
                {
                    problems.Add($"{at}: price must not be negative; capacity and duration must be at least 1.");
                }

                foreach (var t in a.Slots?.Times ?? [])
                {
                    if (!SlotTimes.TryTime(t, out _))
                    {
                        problems.Add($"{at}.slots.times: '{t}' is not a time like 09:00.");
                    }
                }

                foreach (var d in a.Slots?.Days ?? [])
                {
                    if (SlotTimes.Day(d) is null)
                    {
                        problems.Add($"{at}.slots.days: '{d}' is not a day (mon, tue, wed, thu, fri, sat, sun).");
                    }
                }
            }

            return problems.Count == 0 ? file : throw new FormatException($"{origin}: {string.Join(" ", problems)}");
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{origin}: line {ex.Start.Line}: {ex.Message}", ex);
        }
    }

    /// <param name="baseDirectory">Where image files named in the YAML are read from.</param>
    /// <param name="source">Recorded on the activities (<c>demo</c>, <c>import</c>).</param>
    public async Task<ImportSummary> ImportAsync(ResortFile file, string? baseDirectory, string source, CancellationToken ct = default)
    {
        int images = 0, created = 0;
        foreach (var a in file.Activities)
        {
            var id = await activities.SaveAsync(new Activity
            {
                Slug = a.Slug!,
                Name = a.Name!,
                NameEs = a.NameEs,
                Description = a.Description!.Trim(),
                DescriptionEs = a.DescriptionEs?.Trim(),
                Category = a.Category!.Trim().ToLowerInvariant(),
                Tags = string.Join(',', a.Tags.Select(t => t.Trim().ToLowerInvariant())),
                PriceCents = (long)Math.Round(a.Price * 100),
                Currency = a.Currency.ToUpperInvariant(),
                DurationMinutes = a.Duration,
                MeetingPoint = a.MeetingPoint ?? "",
                MinAge = a.MinAge,
                DefaultCapacity = a.Capacity,
                Active = a.Active,
                Source = source,
            }, ct);

            var existing = (await activities.ImagesAsync(id, ct)).Select(i => i.MediaId).ToHashSet();
            foreach (var (image, index) in a.Images.Select((x, i) => (x, i)))
            {
                var (bytes, mime) = image.Paint is { } p
                    ? (PictureMaker.Paint(Colour(p.Sky), Colour(p.Ground), Colour(p.Sun), p.Waves, a.Slug!.Length + index), "image/png")
                    : await ReadFileAsync(baseDirectory, image.File, ct);
                using var stream = new MemoryStream(bytes);
                var stored = await media.SaveAsync(stream, mime, $"{a.Slug}-{index + 1}{(mime == "image/png" ? ".png" : ".jpg")}", MaxImageBytes, ct);
                if (existing.Add(stored.Id))
                {
                    await activities.AddImageAsync(id, stored.Id, mime, image.Alt ?? a.Name!, index == 0, ct);
                    images++;
                }
            }

            created += await SlotsAsync(id, a.Slots, ct);
        }

        return new ImportSummary(file.Activities.Count, images, created);
    }

    /// <summary>Creates the coming days' slots of the file's rules again (the demo keeps two weeks ahead this way).</summary>
    public async Task<int> TopUpSlotsAsync(ResortFile file, CancellationToken ct = default)
    {
        var created = 0;
        foreach (var a in file.Activities)
        {
            if (await activities.FindBySlugAsync(a.Slug!, ct) is { Active: true } activity)
            {
                created += await SlotsAsync(activity.Id, a.Slots, ct);
            }
        }

        return created;
    }

    private async Task<int> SlotsAsync(long activityId, ResortFile.SlotRule? rule, CancellationToken ct)
    {
        if (rule is null || rule.Times.Count == 0)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone()).DateTime);
        var plan = new SlotPlan(activityId, today, today.AddDays(Math.Clamp(rule.DaysAhead, 1, 365)),
            rule.Times.Select(t => SlotTimes.TryTime(t, out var time) ? time : throw new FormatException($"'{t}' is not a time like 09:00.")).ToList())
        {
            Days = rule.Days.Select(SlotTimes.Day).OfType<DayOfWeek>().ToList(),
            Capacity = rule.Capacity,
        };
        var result = await slots.GenerateAsync(plan, ct);
        return result.Ok ? result.Created : throw new FormatException(result.Error);
    }

    private static async Task<(byte[] Bytes, string Mime)> ReadFileAsync(string? baseDirectory, string? file, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new FormatException("An image needs 'file' or 'paint'.");
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory ?? ".", file));
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return (bytes, ImageSniffer.MimeType(bytes) ?? throw new FormatException($"{file} is not a JPEG or PNG image."));
    }

    private static int Colour(string hex) => int.Parse(hex.TrimStart('#'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
