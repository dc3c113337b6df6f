using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Clinic.Access;
using Parley.Clinic.Appointments;
using Parley.Clinic.Import;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;
using Parley.Core.ApiKeys;
using Parley.Core.Contacts;

namespace Parley.Clinic.Web;

/// <summary>
/// The clinic's REST routes under <c>/api/v1/clinic</c>: reads need an API key with <c>clinic:read</c>, changes
/// <c>clinic:write</c>. Every read of a patient's data is written to the access audit (channel <c>api</c>).
/// </summary>
public static class ClinicApi
{
    private static readonly ClinicViewer Api = ClinicViewer.ForOperator("api");

    /// <param name="policyForScope">The host's authorization policy name for an API key scope.</param>
    public static RouteGroupBuilder MapClinicApi(this IEndpointRouteBuilder app, Func<string, string> policyForScope)
    {
        var group = app.MapGroup("/api/v1/clinic").WithTags("Clinic");
        var read = policyForScope(ApiScopes.ClinicRead);
        var write = policyForScope(ApiScopes.ClinicWrite);

        group.MapGet("/patients", async (string? search, int? limit, GuardedClinic guarded, CancellationToken ct) =>
            search is { Length: > 0 }
                ? Results.Ok((await guarded.SearchAsync(Api, search, ct)).Value)
                : Results.Ok((await guarded.ListPatientsAsync(Api, Math.Clamp(limit ?? 100, 1, 1000), 0, ct)).Value))
            .RequireAuthorization(read).WithName("ClinicListPatients").Produces<IReadOnlyList<PatientCard>>().WithSummary("Patients: a masked search (?search=), or the list with contact details.");

        group.MapGet("/patients/{phone}", async (string phone, GuardedClinic guarded, CancellationToken ct) =>
        {
            if (!PhoneNumber.TryParse(phone, null, out var number))
            {
                return Invalid("phone", "'phone' must be a phone number in international form, like +15550001111.");
            }

            var card = (await guarded.PatientInfoAsync(Api, number.ToE164(), ct)).Value;
            if (card is null)
            {
                return Results.Problem(statusCode: 404, title: "No such patient", detail: "No patient has that number.");
            }

            return Results.Ok(new PatientDetails(
                card,
                (await guarded.AppointmentsAsync(Api, card.Id, ct)).Value ?? [],
                (await guarded.RecordsAsync(Api, card.Id, ct)).Value ?? [],
                (await guarded.MedicationsAsync(Api, card.Id, ct)).Value ?? [],
                (await guarded.ProceduresAsync(Api, card.Id, ct)).Value ?? []));
        }).RequireAuthorization(read).WithName("ClinicGetPatient").Produces<PatientDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A patient with their appointments, records, medications and procedures.");

        group.MapGet("/appointments", async (string? date, long? doctorId, GuardedClinic guarded, IOptions<ClinicOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            var zone = options.Value.Zone();
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
            if (date is { Length: > 0 } && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
            {
                return Invalid("date", "'date' must be a day like 2026-01-12 (in the clinic's time zone).");
            }

            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            var from = new DateTimeOffset(start, zone.GetUtcOffset(start));
            var to = new DateTimeOffset(start.AddDays(1), zone.GetUtcOffset(start.AddDays(1)));
            return Results.Ok((await guarded.DayAsync(Api, from, to, doctorId, ct)).Value);
        }).RequireAuthorization(read).WithName("ClinicListAppointments").Produces<IReadOnlyList<Appointment>>().ProducesValidationProblem().WithSummary("A day's appointments (?date=, today by default; optionally ?doctorId=).");

        group.MapPost("/appointments", async (BookAppointmentRequest body, ClinicDirectory directory, AppointmentBooking booking, IOptions<ClinicOptions> options, CancellationToken ct) =>
        {
            var patient = PhoneNumber.TryParse(body.PatientPhone, null, out var p) ? await directory.FindPatientByPhoneAsync(p.ToE164(), ct) : null;
            if (patient is null)
            {
                return Invalid("patientPhone", "No patient has that number.");
            }

            var doctor = PhoneNumber.TryParse(body.DoctorPhone, null, out var d) ? await directory.FindStaffByPhoneAsync(d.ToE164(), ct) : null;
            if (doctor is not { Role: StaffRole.Doctor, Active: true })
            {
                return Invalid("doctorPhone", "No active doctor has that number.");
            }

            var result = await booking.BookAsync(Api, patient.Id, doctor.Id, doctor.Specialty, body.Start.ToUniversalTime(),
                body.DurationMinutes ?? options.Value.DefaultAppointmentMinutes, body.Room, body.Building, ct);
            return result.Appointment is { } a
                ? Results.Created($"/api/v1/clinic/appointments/{a.Id}", a)
                : Results.Problem(statusCode: 409, title: "The slot cannot be booked", detail: result.Conflict.ToString(),
                    extensions: new Dictionary<string, object?> { ["conflict"] = result.Conflict.ToString() });
        }).RequireAuthorization(write).WithName("ClinicBookAppointment").Produces<Appointment>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Books an appointment (conflict checks: doctor, room, patient, clinic hours); the patient gets a WhatsApp notice.");

        group.MapGet("/notifications", async (string? state, int? limit, NotificationStore notifications, CancellationToken ct) =>
            state is { Length: > 0 } && !NotificationState.All.Contains(state)
                ? Invalid("state", $"'state' must be one of {string.Join(", ", NotificationState.All)}.")
                : Results.Ok(await notifications.ListAsync(state, Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .RequireAuthorization(read).WithName("ClinicListNotifications").Produces<IReadOnlyList<ClinicNotification>>().ProducesValidationProblem().WithSummary("Reminders, alerts and notices, newest first.");

        group.MapPost("/notifications/{id:long}/cancel", async (long id, NotificationStore notifications, CancellationToken ct) =>
            await notifications.CancelAsync(id, ct) ? Results.NoContent() : Results.Problem(statusCode: 409, title: "Not cancelled", detail: "Only a scheduled notification can be cancelled."))
            .RequireAuthorization(write).WithName("ClinicCancelNotification").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels a scheduled notification.");

        group.MapPost("/notifications/{id:long}/resend", async (long id, NotificationStore notifications, CancellationToken ct) =>
            await notifications.ResendAsync(id, ct) ? Results.Accepted() : Results.Problem(statusCode: 409, title: "Not resent", detail: "Only a sent, failed or cancelled notification can be sent again."))
            .RequireAuthorization(write).WithName("ClinicResendNotification").Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sends a notification again, now.");

        group.MapGet("/audit", async (string? patient, string? format, int? limit, ClinicDirectory directory, AccessAudit audit, CancellationToken ct) =>
        {
            long? patientId = null;
            if (patient is { Length: > 0 })
            {
                patientId = PhoneNumber.TryParse(patient, null, out var n) ? (await directory.FindPatientByPhoneAsync(n.ToE164(), ct))?.Id : null;
                if (patientId is null)
                {
                    return Invalid("patient", "No patient has that number.");
                }
            }

            var entries = await audit.ListAsync(patientId, null, null, Math.Clamp(limit ?? 1000, 1, 100_000), ct);
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(AuditCsv.Write(entries)), "text/csv; charset=utf-8", "clinic-access-audit.csv")
                : Results.Ok(entries);
        }).RequireAuthorization(read).WithName("ClinicAccessAudit").Produces<IReadOnlyList<AuditEntry>>().ProducesValidationProblem().WithSummary("The access audit (?patient=PHONE, ?format=csv).");

        group.MapPost("/import", async (HttpRequest request, ClinicImporter importer, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            ClinicImportFile file;
            try
            {
                file = ClinicImporter.Parse(text, request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "body.csv" : "body.yaml");
            }
            catch (FormatException ex)
            {
                return Invalid("body", ex.Message);
            }

            var summary = await importer.ImportAsync(file, ct);
            return summary.Errors.Count > 0
                ? Results.ValidationProblem(summary.Errors.GroupBy(e => e.Split(':')[0]).ToDictionary(g => g.Key, g => g.ToArray()))
                : Results.Ok(summary);
        }).RequireAuthorization(write).WithName("ClinicImport").Produces<ImportSummary>().ProducesValidationProblem().WithSummary("Imports YAML (application/yaml) or CSV (text/csv); with any error nothing is imported.");

        return group;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
