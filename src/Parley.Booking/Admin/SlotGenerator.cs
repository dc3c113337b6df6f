using Microsoft.Extensions.Options;
using Parley.Booking.Model;
using Parley.Booking.Store;

namespace Parley.Booking.Admin;

/// <summary>
/// The admin's recurring slot generator over <see cref="SlotSchedule"/>: a preview first (how many slots, how many new,
/// refused above <see cref="BookingOptions.MaxGeneratedSlots"/>), then the same plan created, with the same cap.
/// </summary>
public sealed class SlotGenerator(SlotSchedule schedule, IOptions<BookingOptions> options, TimeProvider time)
{
    /// <summary>Today's date at the resort (its time zone).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone()).DateTime);

    public async Task<SlotGeneratorPreview> PreviewAsync(long activityId, SlotGeneratorForm form, CancellationToken ct = default)
    {
        var (plan, error) = form.ToPlan(activityId, Today);
        if (plan is null)
        {
            return new([], 0, error);
        }

        var preview = await schedule.PreviewAsync(plan, ct);
        if (!preview.Ok || preview.Starts.Count == 0)
        {
            return new(preview.Starts, 0, preview.Error ?? "This plan gives no slot in the future: pick other days or times.");
        }

        var existing = (await schedule.BetweenAsync(preview.Starts[0], preview.Starts[^1].AddTicks(1), activityId, ct)).Select(s => s.StartsAt).ToHashSet();
        return new(preview.Starts, preview.Starts.Count(s => !existing.Contains(s)), null);
    }

    /// <summary>Creates the form's slots (those that exist are kept); refused like the preview.</summary>
    public async Task<SlotPlanResult> GenerateAsync(long activityId, SlotGeneratorForm form, CancellationToken ct = default)
    {
        var (plan, error) = form.ToPlan(activityId, Today);
        return plan is null ? new([], 0, 0, error) : await schedule.GenerateAsync(plan, ct);
    }
}
