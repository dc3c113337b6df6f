namespace Parley.Clinic.Notifications;

/// <summary>One pass of the reminders: plan what is coming, send what is due. The background job and <c>clinic reminders run</c> both call it.</summary>
public sealed class ReminderRun(ReminderPlanner planner, NotificationSender sender)
{
    public async Task<ReminderRunResult> RunAsync(CancellationToken ct)
    {
        var planned = await planner.PlanAsync(ct);
        var sent = await sender.SendDueAsync(ct);
        return new ReminderRunResult(planned, sent);
    }
}
