using System.Text;
using Microsoft.Extensions.Options;
using Parley.Clinic.Access;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Clinic.Conversation;

/// <summary>
/// The commands of a signed-in patient or staff member. Every read goes through <see cref="GuardedClinic"/> (the policy
/// and the audit); this class only words the answers.
/// </summary>
public sealed class ClinicCommands(GuardedClinic guarded, ClinicDirectory directory, IOptions<ClinicOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<MessageContent>> RunAsync(ClinicViewer viewer, ClinicCommand command, string language, CancellationToken ct)
    {
        var es = ClinicFormat.IsSpanish(language);
        var isStaff = viewer.Kind == ViewerKind.Staff;
        switch (command.Kind)
        {
            case CommandKind.Help:
                return [Text(isStaff ? ClinicTexts.StaffHelp(language) : ClinicTexts.PatientHelp(language))];
            case CommandKind.Greeting:
                return [Text(isStaff ? ClinicTexts.StaffHelp(language) : ClinicTexts.PatientHelp(language))];
            case CommandKind.Menu:
                return [isStaff ? Text(ClinicTexts.StaffHelp(language)) : Menu(es)];
        }

        if (command.IsStaffOnly && !isStaff)
        {
            await guarded.RefuseAsync(viewer, ClinicData.StaffCommand, null, ct);
            return [Text(ClinicTexts.StaffOnly(language))];
        }

        if (command.IsPatientData)
        {
            if (isStaff)
            {
                return [Text(ClinicTexts.PatientCommandForStaff(language))];
            }

            var own = viewer.Id!.Value;
            if (command.Argument.Length > 0)
            {
                // "get records +1555…": someone else's data, or one's own by number.
                var whose = PhoneNumber.TryParse(command.Argument, null, out var p) ? await directory.FindPatientByPhoneAsync(p.ToE164(), ct) : null;
                if (whose?.Id != own)
                {
                    await guarded.RefuseAsync(viewer, DataOf(command.Kind), whose?.Id, ct);
                    return [Text(ClinicTexts.NotAllowed(language))];
                }
            }

            var zone = await ZoneOfAsync(own, ct);
            return [Text(command.Kind switch
            {
                CommandKind.Records => Records((await guarded.RecordsAsync(viewer, own, ct)).Value ?? [], es, own: true),
                CommandKind.Medications => Medications((await guarded.MedicationsAsync(viewer, own, ct)).Value ?? [], es, own: true),
                CommandKind.Procedures => Procedures((await guarded.ProceduresAsync(viewer, own, ct)).Value ?? [], es, own: true),
                _ => Appointments((await guarded.AppointmentsAsync(viewer, own, ct)).Value ?? [], zone, language, own: true),
            })];
        }

        return command.Kind switch
        {
            CommandKind.PatientSearch => [Text(await SearchAsync(viewer, command.Argument, es, ct))],
            CommandKind.PatientInfo => [Text(await InfoAsync(viewer, command.Argument, language, ct))],
            _ => [Text(ClinicTexts.NotUnderstood(language))],
        };
    }

    private async Task<string> SearchAsync(ClinicViewer viewer, string term, bool es, CancellationToken ct)
    {
        if (term.Trim().Length < 2)
        {
            return es ? "Escribe al menos 2 letras o cifras: *patient search Ana*." : "Type at least 2 letters or digits: *patient search Ana*.";
        }

        var found = await guarded.SearchAsync(viewer, term, ct);
        if (!found.Allowed)
        {
            return ClinicTexts.StaffOnly(es ? "es" : "en");
        }

        var cards = found.Value!;
        if (cards.Count == 0)
        {
            return es ? "🔍 Ningún paciente coincide." : "🔍 No patient matches.";
        }

        var b = new StringBuilder(es ? $"🔍 Pacientes ({cards.Count}):\n" : $"🔍 Patients ({cards.Count}):\n");
        foreach (var c in cards)
        {
            b.Append('\n').Append("👤 ").Append(c.Name).Append("\n📱 ").Append(c.Phone).Append(" · 🎂 ").Append(c.DateOfBirth).Append(" · 🆔 ").Append(c.RecordNumber).Append('\n');
        }

        if (cards.Count == GuardedClinic.SearchLimit)
        {
            b.Append(es ? "\n(Se muestran los primeros 10: afina la búsqueda.)" : "\n(First 10 shown: narrow the search.)");
        }

        return b.ToString().TrimEnd();
    }

    private async Task<string> InfoAsync(ClinicViewer viewer, string argument, string language, CancellationToken ct)
    {
        var es = ClinicFormat.IsSpanish(language);
        if (!PhoneNumber.TryParse(argument, null, out var phone))
        {
            return es ? "Escribe el teléfono completo: *patient info +15550100001*." : "Send the full phone number: *patient info +15550100001*.";
        }

        var info = await guarded.PatientInfoAsync(viewer, phone.ToE164(), ct);
        if (!info.Allowed)
        {
            return ClinicTexts.NotAllowed(language);
        }

        if (info.Value is not { } card)
        {
            return es ? "No hay ningún paciente con ese número." : "No patient has that number.";
        }

        var b = new StringBuilder();
        b.Append("👤 ").Append(card.Name).Append('\n')
            .Append("📱 ").Append(card.Phone).Append('\n')
            .Append(es ? "🎂 Nacimiento: " : "🎂 Date of birth: ").Append(card.DateOfBirth).Append('\n')
            .Append(es ? "🆔 Expediente: " : "🆔 Record number: ").Append(card.RecordNumber);

        var zone = options.Value.Zone();
        var appointments = await guarded.AppointmentsAsync(viewer, card.Id, ct);
        if (appointments.Allowed)
        {
            b.Append("\n\n").Append(Appointments(appointments.Value!, zone, language, own: false));
        }

        if (viewer.IsClinical)
        {
            var records = await guarded.RecordsAsync(viewer, card.Id, ct);
            var medications = await guarded.MedicationsAsync(viewer, card.Id, ct);
            b.Append("\n\n").Append(Records(records.Value ?? [], es, own: false))
                .Append("\n\n").Append(Medications(medications.Value ?? [], es, own: false));
        }

        return b.ToString();
    }

    private async Task<TimeZoneInfo> ZoneOfAsync(long patientId, CancellationToken ct)
    {
        var patient = await directory.FindPatientAsync(patientId, ct);
        return patient?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : options.Value.Zone();
    }

    private string Appointments(IReadOnlyList<Appointment> list, TimeZoneInfo zone, string language, bool own)
    {
        var es = ClinicFormat.IsSpanish(language);
        var title = own ? (es ? "📅 Tus próximas citas:" : "📅 Your Upcoming Appointments:") : (es ? "📅 Próximas citas:" : "📅 Upcoming Appointments:");
        if (list.Count == 0)
        {
            return title + "\n\n" + (es ? "No hay citas próximas." : "No upcoming appointments.");
        }

        var now = time.GetUtcNow();
        return title + "\n\n" + string.Join("\n\n", list.Select(a => ClinicFormat.Block(a, zone, now, language)
            + (a.State == AppointmentState.Confirmed ? (es ? "\n✅ Confirmada" : "\n✅ Confirmed") : "")));
    }

    private static string Records(IReadOnlyList<MedicalRecord> list, bool es, bool own)
    {
        var title = own ? (es ? "📋 Tu historial médico:" : "📋 Your Medical Records:") : (es ? "📋 Historial médico:" : "📋 Medical Records:");
        if (list.Count == 0)
        {
            return title + "\n\n" + (es ? "Sin registros." : "No records.");
        }

        return title + "\n\n" + string.Join("\n\n", list.Select(r =>
        {
            var lines = new List<string> { "📅 " + r.RecordedOn };
            lines.AddIf(r.Conditions is { Length: > 0 }, (es ? "🩺 Diagnósticos: " : "🩺 Conditions: ") + r.Conditions);
            lines.AddIf(r.Allergies is { Length: > 0 }, (es ? "⚠️ Alergias: " : "⚠️ Allergies: ") + r.Allergies);
            lines.AddIf(r.Notes is { Length: > 0 }, (es ? "📝 Notas: " : "📝 Notes: ") + r.Notes);
            return string.Join("\n", lines);
        }));
    }

    private static string Medications(IReadOnlyList<Medication> list, bool es, bool own)
    {
        var title = own ? (es ? "💊 Tus medicinas:" : "💊 Your Medications:") : (es ? "💊 Medicinas:" : "💊 Medications:");
        if (list.Count == 0)
        {
            return title + "\n\n" + (es ? "Sin medicinas." : "No medications.");
        }

        string One(Medication m)
        {
            var lines = new List<string> { $"💊 {m.Name} {m.Dose}" };
            lines.AddIf(m.ScheduleTimes.Count > 0, "⏰ " + string.Join(", ", m.ScheduleTimes.Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))));
            lines.AddIf(m.Prescriber is { Length: > 0 }, "👨‍⚕️ " + m.Prescriber);
            lines.Add((es ? "📅 Desde " : "📅 Since ") + m.StartDate + (m.EndDate is { Length: > 0 } end ? (es ? " hasta " : " until ") + end : ""));
            return string.Join("\n", lines);
        }

        var current = list.Where(m => m.Active).Select(One).ToList();
        var past = list.Where(m => !m.Active).Select(One).ToList();
        var text = title + "\n\n" + (current.Count > 0 ? string.Join("\n\n", current) : (es ? "Ninguna activa." : "None active."));
        return past.Count == 0 ? text : text + "\n\n" + (es ? "🗂️ Anteriores:\n\n" : "🗂️ Past medications:\n\n") + string.Join("\n\n", past);
    }

    private static string Procedures(IReadOnlyList<Procedure> list, bool es, bool own)
    {
        var title = own ? (es ? "🏥 Tus procedimientos:" : "🏥 Your Procedures:") : (es ? "🏥 Procedimientos:" : "🏥 Procedures:");
        if (list.Count == 0)
        {
            return title + "\n\n" + (es ? "Sin procedimientos." : "No procedures.");
        }

        return title + "\n\n" + string.Join("\n\n", list.Select(p =>
        {
            var lines = new List<string> { "🔬 " + p.Name, "📅 " + p.PerformedOn };
            lines.AddIf(p.DoctorName is { Length: > 0 }, "👨‍⚕️ " + p.DoctorName);
            lines.AddIf(p.Notes is { Length: > 0 }, "📝 " + p.Notes);
            return string.Join("\n", lines);
        }));
    }

    private static MessageContent Menu(bool es) => new()
    {
        Type = MessageTypes.Interactive,
        Text = es ? "¿Qué quieres consultar?" : "What would you like to see?",
        Interactive = new InteractiveContent
        {
            Kind = InteractiveContent.ListKind,
            Header = ClinicTexts.BotDisplayName,
            ListButton = es ? "Ver opciones" : "Options",
            Sections =
            [
                new ListSection(es ? "Mis datos" : "My information",
                [
                    new ListRow("get appointments", es ? "Citas" : "Appointments") { Description = es ? "Tus próximas citas" : "Your upcoming appointments" },
                    new ListRow("get medications", es ? "Medicinas" : "Medications") { Description = es ? "Tus medicinas y horarios" : "Your medications and dose times" },
                    new ListRow("get records", es ? "Historial" : "Medical records") { Description = es ? "Diagnósticos, alergias, notas" : "Conditions, allergies, notes" },
                    new ListRow("get procedures", es ? "Procedimientos" : "Procedures") { Description = es ? "Procedimientos realizados" : "Procedures you had" },
                ]),
                new ListSection(es ? "Sesión" : "Session", [new ListRow("logout", es ? "Cerrar sesión" : "Log out")]),
            ],
        },
    };

    private static ClinicData DataOf(CommandKind kind) => kind switch
    {
        CommandKind.Records => ClinicData.Records,
        CommandKind.Medications => ClinicData.Medications,
        CommandKind.Procedures => ClinicData.Procedures,
        _ => ClinicData.Appointments,
    };

    private static MessageContent Text(string text) => MessageContent.FromText(text);
}
