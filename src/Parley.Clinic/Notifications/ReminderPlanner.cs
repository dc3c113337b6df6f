using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Notifications;

/// <summary>
/// Plans the reminders of upcoming appointments (each configured offset before the start) and the alerts of each dose
/// time of medications with alerts on (in the patient's time zone), as rows of the notifications table. Idempotent:
/// every instance may plan at the same time, each notification exists once (its dedupe key).
/// </summary>
public sealed class ReminderPlanner(
    AppointmentStore appointments,
    ClinicalRecords clinical,
    ClinicDirectory directory,
    NotificationStore notifications,
    IOptions<ClinicOptions> options,
    TimeProvider time)
{
    /// <summary>A reminder found this late is still sent; an older one is skipped (the moment has passed).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead medication doses are planned.</summary>
    public static readonly TimeSpan DoseHorizon = TimeSpan.FromHours(26);

    public async Task<int> PlanAsync(CancellationToken ct)
    {
        var planned = 0;
        var now = time.GetUtcNow();
        var offsets = options.Value.EffectiveReminderOffsets;
        var upcoming = await appointments.BetweenAsync(now, now + offsets.Max() + TimeSpan.FromHours(1), null, ct);
        foreach (var a in upcoming.Where(a => AppointmentState.Occupies(a.State)))
        {
            foreach (var offset in offsets)
            {
                var due = a.StartsAt - offset;
                if (due >= now - Grace && due <= now + TimeSpan.FromHours(1)
                    && await notifications.PlanAsync(NotificationKind.AppointmentReminder, a.PatientId, a.Id, null,
                        string.Create(CultureInfo.InvariantCulture, $"appt:{a.Id}:{a.StartsAt.ToUnixTimeMilliseconds()}:{(long)offset.TotalMinutes}m"), due, ct))
                {
                    planned++;
                }
            }
        }

        foreach (var m in await clinical.AlertingMedicationsAsync(ct))
        {
            var patient = await directory.FindPatientAsync(m.PatientId, ct);
            if (patient is null)
            {
                continue;
            }

            foreach (var dose in DoseTimes(m, ZoneOf(patient), now))
            {
                if (await notifications.PlanAsync(NotificationKind.MedicationAlert, m.PatientId, null, m.Id,
                        string.Create(CultureInfo.InvariantCulture, $"med:{m.Id}:{dose.ToUnixTimeMilliseconds()}"), dose, ct))
                {
                    planned++;
                }
            }
        }

        return planned;
    }

    public TimeZoneInfo ZoneOf(Patient patient) =>
        patient.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : options.Value.Zone();

    /// <summary>The medication's dose instants in (now - grace, now + horizon], within its start and end dates, in the patient's zone.</summary>
    public static IEnumerable<DateTimeOffset> DoseTimes(Medication m, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var start = DateOnly.TryParse(m.StartDate, CultureInfo.InvariantCulture, out var s) ? s : DateOnly.MinValue;
        var end = DateOnly.TryParse(m.EndDate, CultureInfo.InvariantCulture, out var e) ? e : DateOnly.MaxValue;
        for (var day = today.AddDays(-1); day <= today.AddDays(2); day = day.AddDays(1))
        {
            if (day < start || day > end)
            {
                continue;
            }

            foreach (var t in m.ScheduleTimes)
            {
                var local = day.ToDateTime(t, DateTimeKind.Unspecified);
                if (zone.IsInvalidTime(local))
                {
                    local = local.AddHours(1);
                }

                var instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
                if (instant > now - Grace && instant <= now + DoseHorizon)
                {
                    yield return instant.ToUniversalTime();
                }
            }
        }
    }
}
