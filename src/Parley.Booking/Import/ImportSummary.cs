namespace Parley.Booking.Import;

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Activities, int Images, int Slots)
{
    public override string ToString() => $"{Activities} activities, {Images} images, {Slots} new slots";
}
