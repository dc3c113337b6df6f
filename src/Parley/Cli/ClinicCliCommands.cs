using System.CommandLine;
using Parley.Clinic.Access;
using Parley.Clinic.Import;
using Parley.Clinic.Notifications;
using Parley.Clinic.Patients;
using Parley.Core.Contacts;

namespace Parley.Cli;

/// <summary><c>clinic import|patients list|reminders run|audit</c>: the CARE clinic module (docs/clinic.md).</summary>
public static class ClinicCliCommands
{
    public static Command Create() => new("clinic", "The CARE clinic: import its data, list patients, run the reminders now, export the access audit.")
    {
        Import(),
        new Command("patients", "Patients of the clinic.") { List() },
        new Command("reminders", "Appointment reminders and medication alerts.") { RunReminders() },
        Audit(),
    };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .yaml file (staff, patients with records, medications, procedures, appointments) or a .csv of patients and staff." };
        var command = new Command("import", "Import (or update) the clinic's people and data; with any error nothing is imported.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.UsageError($"No file {path.FullName}.");
            }

            ClinicImportFile data;
            try
            {
                data = ClinicImporter.Parse(await File.ReadAllTextAsync(path.FullName, ct), path.Name);
            }
            catch (FormatException ex)
            {
                return CliOutput.Fail(ex.Message);
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var summary = await host.Get<ClinicImporter>().ImportAsync(data, ct);
            if (summary.Errors.Count > 0)
            {
                foreach (var error in summary.Errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                return CliOutput.Fail($"{summary.Errors.Count} error(s): nothing was imported.");
            }

            Console.WriteLine($"Imported {summary.Staff} staff, {summary.Patients} patient(s), {summary.Records} record(s), {summary.Medications} medication(s), {summary.Procedures} procedure(s), {summary.Appointments} appointment(s).");
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var format = CliOutput.FormatOption();
        var limit = new Option<int>("--limit") { Description = "At most this many (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List patients with their contact details (each listed patient is written to the access audit).") { format, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var patients = (await host.Get<GuardedClinic>().ListPatientsAsync(ClinicViewer.ForOperator("cli"), parse.GetValue(limit), 0, ct)).Value!;
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(patients);
                return CliOutput.Ok;
            }

            foreach (var p in patients)
            {
                Console.WriteLine($"{p.RecordNumber,-12} {p.Name,-28} {p.Phone,-16} {p.DateOfBirth}");
            }

            return CliOutput.Ok;
        });
        return command;
    }

    private static Command RunReminders()
    {
        var command = new Command("run", "Plan and send now the reminders and alerts that are due (the background job does the same every minute).");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var result = await host.Get<ReminderRun>().RunAsync(ct);
            Console.WriteLine($"Planned {result.Planned}, sent {result.Sent}.");
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command Audit()
    {
        var patient = new Option<string?>("--patient") { Description = "Only this patient (their phone number)." };
        var format = new Option<string>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (default 1000).", DefaultValueFactory = _ => 1000 };
        var command = new Command("audit", "The access audit: who read or tried to read which patient's data, and when.") { patient, format, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            long? patientId = null;
            if (parse.GetValue(patient) is { Length: > 0 } phone)
            {
                if (!PhoneNumber.TryParse(phone, null, out var number))
                {
                    return CliOutput.UsageError("--patient must be a phone number in international form, like +15550001111.");
                }

                var found = await host.Get<ClinicDirectory>().FindPatientByPhoneAsync(number.ToE164(), ct);
                if (found is null)
                {
                    return CliOutput.Fail("No patient has that number.");
                }

                patientId = found.Id;
            }

            var entries = await host.Get<AccessAudit>().ListAsync(patientId, null, null, parse.GetValue(limit), ct);
            switch (parse.GetValue(format))
            {
                case "json":
                    CliOutput.WriteJson(entries);
                    break;
                case "csv":
                    Console.Write(AuditCsv.Write(entries));
                    break;
                default:
                    foreach (var e in entries)
                    {
                        Console.WriteLine($"{e.At:u}  {e.Outcome,-8} {e.ActorKind}/{e.ActorRole ?? "-"} {e.ActorName ?? e.ActorId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-24} patient {e.PatientId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-6} {e.What} ({e.Channel})");
                    }

                    break;
            }

            return CliOutput.Ok;
        });
        return command;
    }
}
