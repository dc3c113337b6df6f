using Microsoft.Extensions.Options;
using Parley.Clinic.Access;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Clinic.Conversation;

/// <summary>
/// "schedule appointment &lt;details&gt;" for staff: takes what the details give, asks for what is missing (patient,
/// doctor or specialty, date and time, room), then books through <see cref="AppointmentBooking"/>; a conflict (doctor or
/// room busy, outside clinic hours) is said and the slot asked again. "cancel" leaves the flow.
/// </summary>
public sealed class ScheduleFlow(ClinicDirectory directory, AppointmentBooking booking, IOptions<ClinicOptions> options, TimeProvider time)
{
    /// <summary>The replies, and the draft to keep (null: the flow ended). <paramref name="start"/>: the text is the command's details, not an answer.</summary>
    public async Task<(IReadOnlyList<MessageContent> Replies, ScheduleDraft? Draft)> StepAsync(
        ClinicViewer viewer, ScheduleDraft draft, string input, bool start, string language, CancellationToken ct)
    {
        var es = ClinicFormat.IsSpanish(language);
        var normalized = CommandParser.Normalize(input);
        if (normalized is "cancel" or "cancelar" or "stop")
        {
            return ([Text(es ? "Reserva cancelada." : "Booking cancelled.")], null);
        }

        var o = options.Value;
        var zone = o.Zone();
        var notes = new List<string>();
        draft = await FillAsync(draft, input, start, zone, notes, ct);

        if (draft.PatientId is null)
        {
            return (Say(notes, es ? "👤 ¿Para qué paciente? Escribe su teléfono o nombre." : "👤 Which patient? Send their phone number or name."), draft);
        }

        if (draft.DoctorId is null)
        {
            var doctors = (await directory.ListStaffAsync(ct)).Where(s => s is { Role: StaffRole.Doctor, Active: true }).ToList();
            var list = string.Join("\n", doctors.Select(d => $"• {d.Name}{(d.Specialty is null ? "" : " - " + d.Specialty)}"));
            return (Say(notes, (es ? "🩺 ¿Con qué médico o especialidad?\n" : "🩺 Which doctor or specialty?\n") + list), draft);
        }

        if (draft.StartsAtMs is null)
        {
            return (Say(notes, es ? "📅 ¿Qué día y hora? (p. ej. mañana 10:00 o 2026-01-12 15:30)" : "📅 What date and time? (e.g. tomorrow 10:00 or 2026-01-12 15:30)"), draft);
        }

        if (draft.Room is null && !draft.RoomSkipped)
        {
            return (Say(notes, es ? "📍 ¿En qué sala? (p. ej. sala 205, Edificio Principal) o \"no\"." : "📍 Which room? (e.g. room 205, Main Building) or \"skip\"."), draft);
        }

        var doctor = await directory.FindStaffAsync(draft.DoctorId.Value, ct);
        var result = await booking.BookAsync(viewer, draft.PatientId.Value, draft.DoctorId.Value, draft.Specialty ?? doctor?.Specialty,
            DateTimeOffset.FromUnixTimeMilliseconds(draft.StartsAtMs.Value), o.DefaultAppointmentMinutes, draft.Room, draft.Building, ct);
        if (result.Refused)
        {
            return ([Text(ClinicTexts.NotAllowed(language))], null);
        }

        if (result.Appointment is { } booked)
        {
            var confirmation = (es ? "✅ Cita agendada. El paciente recibirá un aviso por WhatsApp.\n\n" : "✅ Appointment booked. The patient will get a WhatsApp notice.\n\n")
                + ClinicFormat.Block(booked, zone, time.GetUtcNow(), language);
            return ([Text(confirmation)], null);
        }

        var (reason, next) = result.Conflict switch
        {
            ScheduleConflict.RoomBusy => (es ? "⚠️ Esa sala está ocupada a esa hora. ¿Otra sala? (o \"no\")" : "⚠️ That room is taken at that time. Another room? (or \"skip\")",
                draft with { Room = null, Building = null, RoomSkipped = false }),
            ScheduleConflict.DoctorBusy => (es ? "⚠️ El médico ya tiene una cita a esa hora. ¿Otro día u hora?" : "⚠️ The doctor already has an appointment then. Another date or time?",
                draft with { StartsAtMs = null }),
            ScheduleConflict.PatientBusy => (es ? "⚠️ El paciente ya tiene una cita a esa hora. ¿Otro día u hora?" : "⚠️ The patient already has an appointment then. Another date or time?",
                draft with { StartsAtMs = null }),
            ScheduleConflict.InThePast => (es ? "⚠️ Esa hora ya pasó. ¿Otro día u hora?" : "⚠️ That time has passed. Another date or time?", draft with { StartsAtMs = null }),
            _ => (es
                    ? $"⚠️ Fuera del horario de la clínica ({o.OpensAt:HH\\:mm}–{o.ClosesAt:HH\\:mm}, días hábiles). ¿Otro día u hora?"
                    : $"⚠️ Outside clinic hours ({o.OpensAt:HH\\:mm}–{o.ClosesAt:HH\\:mm} on open days). Another date or time?",
                draft with { StartsAtMs = null }),
        };
        return ([Text(reason)], next);
    }

    private async Task<ScheduleDraft> FillAsync(ScheduleDraft draft, string input, bool start, TimeZoneInfo zone, List<string> notes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var asked = Asked(draft);
        var filled = false;

        // What the text says explicitly: a phone, "with <doctor>", a date and time, "room <n>".
        if (draft.PatientId is null && ScheduleDetails.Phone(input) is { } phoneText && PhoneNumber.TryParse(phoneText, null, out var phone))
        {
            var patient = await directory.FindPatientByPhoneAsync(phone.ToE164(), ct);
            notes.AddIf(patient is null, "No patient has that number.");
            draft = draft with { PatientId = patient?.Id };
            filled = true;
        }

        if (draft.DoctorId is null && ScheduleDetails.Doctor(input) is { } doctorText)
        {
            draft = await WithDoctorAsync(draft, doctorText, notes, ct);
            filled = true;
        }

        if (draft.StartsAtMs is null && ScheduleDetails.When(input, zone, now) is { } when)
        {
            draft = draft with { StartsAtMs = when.ToUnixTimeMilliseconds() };
            filled = true;
        }

        if (draft.Room is null && ScheduleDetails.Room(input) is { } room)
        {
            draft = draft with { Room = room.Room, Building = room.Building, RoomSkipped = false };
            filled = true;
        }

        if (start || filled || input.Trim().Length == 0)
        {
            return draft;
        }

        // Otherwise the text answers the question asked.
        switch (asked)
        {
            case nameof(ScheduleDraft.PatientId):
                var found = await directory.SearchPatientsAsync(input.Trim(), 2, ct);
                notes.AddIf(found.Count == 0, "No patient matches that name.");
                notes.AddIf(found.Count > 1, "More than one patient matches: send their phone number.");
                return found.Count == 1 ? draft with { PatientId = found[0].Id } : draft;
            case nameof(ScheduleDraft.DoctorId):
                return await WithDoctorAsync(draft, input, notes, ct);
            case nameof(ScheduleDraft.StartsAtMs):
                notes.Add("I could not read a date and time.");
                return draft;
            case nameof(ScheduleDraft.Room):
                return CommandParser.Normalize(input) is "skip" or "no" or "none" or "ninguna" or "omitir"
                    ? draft with { RoomSkipped = true }
                    : draft with { Room = input.Trim() };
            default:
                return draft;
        }
    }

    private static string? Asked(ScheduleDraft d) =>
        d.PatientId is null ? nameof(ScheduleDraft.PatientId)
        : d.DoctorId is null ? nameof(ScheduleDraft.DoctorId)
        : d.StartsAtMs is null ? nameof(ScheduleDraft.StartsAtMs)
        : d.Room is null && !d.RoomSkipped ? nameof(ScheduleDraft.Room)
        : null;

    private async Task<ScheduleDraft> WithDoctorAsync(ScheduleDraft draft, string wanted, List<string> notes, CancellationToken ct)
    {
        var doctor = await FindDoctorAsync(wanted, ct);
        notes.AddIf(doctor is null, "No doctor or specialty matches that.");
        return doctor is null ? draft : draft with { DoctorId = doctor.Id, Specialty = doctor.Specialty };
    }

    private async Task<StaffMember?> FindDoctorAsync(string wanted, CancellationToken ct)
    {
        var words = CommandParser.Normalize(wanted).Split(' ').Where(w => w is not ("dr" or "dra" or "doctor" or "doctora")).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var doctors = (await directory.ListStaffAsync(ct)).Where(s => s is { Role: StaffRole.Doctor, Active: true }).ToList();
        return doctors.FirstOrDefault(d => words.All(w => CommandParser.Normalize(d.Name).Split(' ').Contains(w)))
            ?? doctors.FirstOrDefault(d => d.Specialty is not null && words.Any(w => CommandParser.Normalize(d.Specialty).StartsWith(w[..Math.Min(w.Length, 5)], StringComparison.Ordinal)));
    }

    private static MessageContent Text(string text) => MessageContent.FromText(text);

    private static IReadOnlyList<MessageContent> Say(List<string> notes, string question) =>
        [Text(notes.Count == 0 ? question : string.Join("\n", notes) + "\n\n" + question)];
}
