namespace Parley.Booking.Api;

/// <summary>
/// What a slot plan made, or would make (<see cref="DryRun"/>): <see cref="Count"/> start times in the future, of which
/// <see cref="Created"/> were new and <see cref="AlreadyThere"/> existed (left as they were); <see cref="Limit"/> is the cap.
/// </summary>
public sealed record SlotPlanView(bool DryRun, int Count, int Created, int AlreadyThere, int Limit, IReadOnlyList<DateTimeOffset> Starts);
