namespace Parley.Booking.Import;

/// <summary>
/// The YAML file of <c>booking import FILE</c> (and of the demo resort, <c>examples/resort.yaml</c>): activities with
/// their images and slot rules. Keys are camelCase; unknown keys are errors.
/// </summary>
public sealed class ResortFile
{
    public string? Resort { get; set; }
    public List<ActivityEntry> Activities { get; set; } = [];

    public sealed class ActivityEntry
    {
        public string? Slug { get; set; }
        public string? Name { get; set; }
        public string? NameEs { get; set; }
        public string? Description { get; set; }
        public string? DescriptionEs { get; set; }
        public string? Category { get; set; }
        public List<string> Tags { get; set; } = [];

        /// <summary>Per person, in the currency's units (45 or 45.50).</summary>
        public decimal Price { get; set; }
        public string Currency { get; set; } = "USD";

        /// <summary>Minutes.</summary>
        public int Duration { get; set; } = 60;
        public string? MeetingPoint { get; set; }
        public int MinAge { get; set; }
        public int Capacity { get; set; } = 10;
        public bool Active { get; set; } = true;
        public List<ImageEntry> Images { get; set; } = [];
        public SlotRule? Slots { get; set; }
    }

    public sealed class ImageEntry
    {
        public string? Alt { get; set; }

        /// <summary>A JPEG or PNG file, relative to the YAML file.</summary>
        public string? File { get; set; }

        /// <summary>Or a picture painted by Parley (the demo's): colours as <c>#rrggbb</c>.</summary>
        public PaintEntry? Paint { get; set; }
    }

    public sealed class PaintEntry
    {
        public string Sky { get; set; } = "#3fa9f5";
        public string Ground { get; set; } = "#0b6e99";
        public string Sun { get; set; } = "#ffd34d";
        public bool Waves { get; set; } = true;
    }

    /// <summary>Recurring slots: on these days (<c>mon</c>…<c>sun</c>; empty: every day), at these local times, for the next <see cref="DaysAhead"/> days.</summary>
    public sealed class SlotRule
    {
        public List<string> Days { get; set; } = [];
        public List<string> Times { get; set; } = [];
        public int DaysAhead { get; set; } = 14;
        public int? Capacity { get; set; }
    }
}
