using Parley.Booking.Model;

namespace Parley.Booking.Admin;

/// <summary>
/// Recurring slots as an operator asks for them: days of the week, times of day (<c>09:00, 15:00</c>), how many weeks
/// ahead from today and the seats per slot (empty: the activity's default). <see cref="ToPlan"/> makes the
/// <see cref="SlotPlan"/>, or says what is wrong.
/// </summary>
public sealed class SlotGeneratorForm
{
    public const int MaxWeeks = 52;

    public HashSet<DayOfWeek> Days { get; set; } = [];
    public string Times { get; set; } = "";
    public int Weeks { get; set; } = 2;
    public int? Capacity { get; set; }

    /// <summary>The plan from <paramref name="today"/> (the resort's date) for <see cref="Weeks"/> weeks, or the error.</summary>
    public (SlotPlan? Plan, string? Error) ToPlan(long activityId, DateOnly today)
    {
        if (Days.Count == 0)
        {
            return (null, "Pick at least one day of the week.");
        }

        var times = new List<TimeOnly>();
        foreach (var part in (Times ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!SlotTimes.TryTime(part, out var t))
            {
                return (null, $"'{part}' is not a time of day: write times as 09:00 or 15:30, separated by commas.");
            }

            times.Add(t);
        }

        if (times.Count == 0)
        {
            return (null, "Give at least one time of day, like 09:00, 15:00.");
        }

        if (Weeks is < 1 or > MaxWeeks)
        {
            return (null, $"Weeks ahead is between 1 and {MaxWeeks}.");
        }

        if (Capacity is < 1 or > 10_000)
        {
            return (null, "Seats per slot is between 1 and 10,000 (leave it empty for the activity's default).");
        }

        var plan = new SlotPlan(activityId, today, today.AddDays((7 * Weeks) - 1), times.Distinct().Order().ToList())
        {
            Days = Days.Order().ToList(),
            Capacity = Capacity,
        };
        return (plan, null);
    }
}
