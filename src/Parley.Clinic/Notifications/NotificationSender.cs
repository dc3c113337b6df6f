using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Policy;
using Parley.Core.Outbound.Sending;
using Parley.Core.Work;

namespace Parley.Clinic.Notifications;

/// <summary>
/// Sends the due notifications this instance claims, through Core's <see cref="OutboundSender"/> with an idempotency
/// key per notification and generation: a claim taken over after a crash queues nothing twice. Inside the 24-hour
/// window a reminder has Confirm / Cancel buttons; outside it goes as the configured UTILITY template.
/// </summary>
public sealed class NotificationSender(
    NotificationStore notifications,
    AppointmentStore appointments,
    ClinicalRecords clinical,
    ClinicDirectory directory,
    ReminderPlanner planner,
    OutboundSender sender,
    InstanceIdentity instance,
    IOptions<ClinicOptions> options,
    TimeProvider time,
    ILogger<NotificationSender> logger)
{
    /// <summary>A claim lasts this long; a send that takes longer is presumed dead and taken over.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var batch = await notifications.ClaimDueAsync(instance.Id, time.GetUtcNow() + ClaimLease, 20, ct);
            if (batch.Count == 0)
            {
                return sent;
            }

            foreach (var n in batch)
            {
                if (await SendOneAsync(n, ct))
                {
                    sent++;
                }
            }
        }
    }

    private async Task<bool> SendOneAsync(ClinicNotification n, CancellationToken ct)
    {
        var o = options.Value;
        var patient = await directory.FindPatientAsync(n.PatientId, ct);
        if (patient is null)
        {
            await notifications.MarkCancelledAsync(n.Id, instance.Id, "patient removed", ct);
            return false;
        }

        var zone = planner.ZoneOf(patient);
        var language = patient.Language ?? o.Language;
        var now = time.GetUtcNow();
        (MessageContent Interactive, MessageContent Template)? contents = null;
        switch (n.Kind)
        {
            case NotificationKind.AppointmentReminder or NotificationKind.AppointmentNotice:
                var a = n.AppointmentId is { } aid ? await appointments.FindAsync(aid, ct) : null;
                if (a is null || !AppointmentState.Occupies(a.State) || a.StartsAt <= now)
                {
                    await notifications.MarkCancelledAsync(n.Id, instance.Id, "appointment no longer due", ct);
                    return false;
                }

                contents = n.Kind == NotificationKind.AppointmentReminder
                    ? (ReminderMessages.Reminder(a, zone, now, language), ReminderMessages.ReminderTemplate(a, zone, now, o))
                    : (ReminderMessages.Notice(a, zone, now, language), ReminderMessages.NoticeTemplate(a, zone, now, o));
                break;
            case NotificationKind.MedicationAlert:
                var m = n.MedicationId is { } mid ? await clinical.FindMedicationAsync(mid, ct) : null;
                if (m is not { Active: true, Alerts: true })
                {
                    await notifications.MarkCancelledAsync(n.Id, instance.Id, "medication stopped or alerts off", ct);
                    return false;
                }

                contents = (ReminderMessages.MedicationAlert(m, language), ReminderMessages.MedicationTemplate(m, o));
                break;
        }

        if (contents is not { } c)
        {
            await notifications.MarkFailedAsync(n.Id, instance.Id, "unknown kind", ct);
            return false;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"notification:{n.Id}:{n.Generation}");
        var outcome = await sender.SendAsync(new SendCommand(o.Account, patient.Phone, c.Interactive) { IdempotencyKey = key, Source = "clinic" }, ct);
        if (outcome is SendOutcome.Refused { Code: OutboundPolicy.TemplateRequired })
        {
            outcome = await sender.SendAsync(new SendCommand(o.Account, patient.Phone, c.Template) { IdempotencyKey = key + ":template", Source = "clinic" }, ct);
        }

        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                await notifications.MarkSentAsync(n.Id, instance.Id, accepted.MessageId, ct);
                return true;
            case SendOutcome.Refused refused:
                await notifications.MarkFailedAsync(n.Id, instance.Id, refused.Code, ct);
                break;
            case SendOutcome.Invalid invalid:
                await notifications.MarkFailedAsync(n.Id, instance.Id, string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")), ct);
                break;
        }

        // The notification's id and kind only: never the patient, the medication or the appointment.
        logger.LogWarning("Clinic notification {NotificationId} ({Kind}) could not be sent", n.Id, n.Kind);
        return false;
    }
}
