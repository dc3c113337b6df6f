using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Core.Contacts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parley.Clinic.Import;

/// <summary>
/// <c>clinic import FILE</c>: a YAML file (<see cref="ClinicImportFile"/>) or a CSV of people, one per line, with the header
/// <c>type,name,phone,role,specialty,record_number,date_of_birth,time_zone,language</c> (<c>type</c> is <c>patient</c> or
/// <c>staff</c>). Everything is checked first: with any error nothing is imported, and each error names its entry and field.
/// Patients are matched by record number and staff by phone, so importing again updates.
/// </summary>
public sealed class ClinicImporter(ClinicDirectory directory, ClinicalRecords clinical, AppointmentStore appointments, IOptions<ClinicOptions> options)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    public static ClinicImportFile Parse(string text, string fileName)
    {
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ParseCsv(text);
        }

        try
        {
            return Yaml.Deserialize<ClinicImportFile?>(text) ?? new ClinicImportFile();
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{fileName}: line {ex.Start.Line}: {ex.Message}", ex);
        }
    }

    public async Task<ImportSummary> ImportAsync(ClinicImportFile file, CancellationToken ct)
    {
        var errors = Validate(file);
        if (errors.Count > 0)
        {
            return new ImportSummary(0, 0, 0, 0, 0, 0, errors);
        }

        int records = 0, medications = 0, procedures = 0, booked = 0;
        foreach (var s in file.Staff)
        {
            ClinicDirectory.TryParseRole(s.Role, out var role);
            await directory.UpsertStaffAsync(new StaffMember(0, s.Name.Trim(), role, E164(s.Phone)) { Specialty = s.Specialty, Active = s.Active }, ct);
        }

        foreach (var p in file.Patients)
        {
            var id = await directory.UpsertPatientAsync(new Patient(0, p.RecordNumber.Trim(), p.Name.Trim(), p.DateOfBirth.Trim(), E164(p.Phone))
            {
                TimeZone = p.TimeZone,
                Language = p.Language,
            }, ct);
            foreach (var r in p.Records)
            {
                await clinical.AddRecordAsync(new MedicalRecord(0, id, r.Date, r.Conditions, r.Allergies, r.Notes), ct);
                records++;
            }

            foreach (var m in p.Medications)
            {
                await clinical.AddMedicationAsync(new Medication(0, id, m.Name, m.Dose, ClinicalRecords.ParseTimes(m.Times), m.Start)
                {
                    EndDate = m.End,
                    Prescriber = m.Prescriber,
                    Active = m.Active,
                    Alerts = m.Alerts,
                }, ct);
                medications++;
            }

            foreach (var pr in p.Procedures)
            {
                var doctor = pr.Doctor is { Length: > 0 } d ? await directory.FindStaffByPhoneAsync(E164(d), ct) : null;
                await clinical.AddProcedureAsync(id, pr.Name, pr.Date, doctor?.Id, pr.Notes, ct);
                procedures++;
            }
        }

        foreach (var a in file.Appointments)
        {
            var patient = await directory.FindPatientByPhoneAsync(E164(a.Patient), ct);
            var doctor = await directory.FindStaffByPhoneAsync(E164(a.Doctor), ct);
            if (patient is null || doctor is null)
            {
                continue;
            }

            await appointments.AddAsync(patient.Id, doctor.Id, a.Specialty ?? doctor.Specialty, Start(a.Start)!.Value, a.DurationMinutes, a.Room, a.Building, a.State, ct);
            booked++;
        }

        return new ImportSummary(file.Staff.Count, file.Patients.Count, records, medications, procedures, booked, []);
    }

    private List<string> Validate(ClinicImportFile file)
    {
        var errors = new List<string>();
        var staffPhones = file.Staff.Select(s => PhoneNumber.TryParse(s.Phone, null, out var p) ? p.ToE164() : "").ToHashSet();
        var patientPhones = file.Patients.Select(p => PhoneNumber.TryParse(p.Phone, null, out var n) ? n.ToE164() : "").ToHashSet();
        for (var i = 0; i < file.Staff.Count; i++)
        {
            var s = file.Staff[i];
            var at = $"staff[{i}]";
            Require(errors, at, "name", s.Name);
            Phone(errors, at, "phone", s.Phone);
            if (!ClinicDirectory.TryParseRole(s.Role, out _))
            {
                errors.Add($"{at}.role: '{s.Role}' is not one of doctor, nurse, reception, admin.");
            }
        }

        for (var i = 0; i < file.Patients.Count; i++)
        {
            var p = file.Patients[i];
            var at = $"patients[{i}]";
            Require(errors, at, "recordNumber", p.RecordNumber);
            Require(errors, at, "name", p.Name);
            Phone(errors, at, "phone", p.Phone);
            Date(errors, at, "dateOfBirth", p.DateOfBirth);
            if (p.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                errors.Add($"{at}.timeZone: '{zone}' is not a known time zone.");
            }

            for (var j = 0; j < p.Records.Count; j++)
            {
                Date(errors, $"{at}.records[{j}]", "date", p.Records[j].Date);
            }

            for (var j = 0; j < p.Medications.Count; j++)
            {
                var m = p.Medications[j];
                var mat = $"{at}.medications[{j}]";
                Require(errors, mat, "name", m.Name);
                Require(errors, mat, "dose", m.Dose);
                Date(errors, mat, "start", m.Start);
                try
                {
                    ClinicalRecords.ParseTimes(m.Times);
                }
                catch (FormatException)
                {
                    errors.Add($"{mat}.times: '{m.Times}' must be times of day like 08:00,20:00.");
                }
            }

            for (var j = 0; j < p.Procedures.Count; j++)
            {
                Require(errors, $"{at}.procedures[{j}]", "name", p.Procedures[j].Name);
                Date(errors, $"{at}.procedures[{j}]", "date", p.Procedures[j].Date);
            }
        }

        for (var i = 0; i < file.Appointments.Count; i++)
        {
            var a = file.Appointments[i];
            var at = $"appointments[{i}]";
            if (!PhoneNumber.TryParse(a.Patient, null, out var pp) || !patientPhones.Contains(pp.ToE164()))
            {
                errors.Add($"{at}.patient: '{a.Patient}' is not the phone of a patient in this file.");
            }

            if (!PhoneNumber.TryParse(a.Doctor, null, out var dp) || !staffPhones.Contains(dp.ToE164()))
            {
                errors.Add($"{at}.doctor: '{a.Doctor}' is not the phone of a staff member in this file.");
            }

            if (Start(a.Start) is null)
            {
                errors.Add($"{at}.start: '{a.Start}' must be a date and time like 2026-01-12T10:00.");
            }

            if (!AppointmentState.All.Contains(a.State))
            {
                errors.Add($"{at}.state: '{a.State}' is not one of {string.Join(", ", AppointmentState.All)}.");
            }
        }

        return errors;
    }

    private DateTimeOffset? Start(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && text.Length > 16
            && (text.Contains('+', StringComparison.Ordinal) || text.EndsWith('Z') || text.LastIndexOf('-') > 9))
        {
            return withOffset.ToUniversalTime();
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = options.Value.Zone();
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static string E164(string phone) => PhoneNumber.TryParse(phone, null, out var p) ? p.ToE164() : phone;

    private static void Require(List<string> errors, string at, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{at}.{field}: required.");
        }
    }

    private static void Phone(List<string> errors, string at, string field, string value)
    {
        if (!PhoneNumber.TryParse(value, null, out _))
        {
            errors.Add($"{at}.{field}: '{value}' must be a phone number in international form, like +15550001111.");
        }
    }

    private static void Date(List<string> errors, string at, string field, string value)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{at}.{field}: '{value}' must be a date like 1980-04-12.");
        }
    }

    private static ClinicImportFile ParseCsv(string text)
    {
        var file = new ClinicImportFile();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return file;
        }

        var header = SplitCsv(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = SplitCsv(lines[i]);
            string Cell(string name)
            {
                var index = header.IndexOf(name);
                return index >= 0 && index < cells.Count ? cells[index].Trim() : "";
            }

            string? Optional(string name) => Cell(name) is { Length: > 0 } v ? v : null;
            switch (Cell("type").ToLowerInvariant())
            {
                case "staff":
                    file.Staff.Add(new ImportStaff { Name = Cell("name"), Phone = Cell("phone"), Role = Cell("role"), Specialty = Optional("specialty") });
                    break;
                case "patient":
                    file.Patients.Add(new ImportPatient
                    {
                        Name = Cell("name"), Phone = Cell("phone"), RecordNumber = Cell("record_number"), DateOfBirth = Cell("date_of_birth"),
                        TimeZone = Optional("time_zone"), Language = Optional("language"),
                    });
                    break;
                default:
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: type must be 'patient' or 'staff'."));
            }
        }

        return file;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var b = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    b.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    b.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(b.ToString());
                b.Clear();
            }
            else
            {
                b.Append(ch);
            }
        }

        cells.Add(b.ToString());
        return cells;
    }
}
