using Parley.Clinic.Import;
using Parley.Clinic.Patients;

namespace Parley.Clinic.Tests.Import;

/// <summary><c>clinic import</c>: YAML with clinical data, CSV of people, and nothing imported when anything is wrong.</summary>
public sealed class ClinicImporterTests
{
    private const string Yaml = """
        staff:
          - name: Dr. Test House
            role: doctor
            specialty: Diagnostics
            phone: "+15550300001"
        patients:
          - recordNumber: IMP-1
            name: Imported Person
            dateOfBirth: 1970-02-03
            phone: "+15550300100"
            timeZone: Europe/Madrid
            records:
              - date: 2025-01-01
                allergies: Dust (test)
            medications:
              - name: Testamol
                dose: 1 tablet
                times: "09:00,21:00"
                start: 2025-01-01
                alerts: true
        appointments:
          - patient: "+15550300100"
            doctor: "+15550300001"
            start: 2099-03-02T10:00:00+01:00
            room: "7"
        """;

    [Fact]
    public async Task Yaml_ImportsPeopleClinicalDataAndAppointments()
    {
        await using var h = await ClinicHarness.StartAsync();

        var summary = await h.Get<ClinicImporter>().ImportAsync(ClinicImporter.Parse(Yaml, "clinic.yaml"), default);

        summary.ShouldBe(new ImportSummary(1, 1, 1, 1, 0, 1, []), "errors: " + string.Join("; ", summary.Errors));
        var person = (await h.Get<ClinicDirectory>().FindPatientByPhoneAsync("+15550300100", default)).ShouldNotBeNull();
        person.TimeZone.ShouldBe("Europe/Madrid");
        (await h.Get<ClinicalRecords>().MedicationsAsync(person.Id, default)).ShouldHaveSingleItem().ScheduleTimes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Csv_ImportsPatientsAndStaff_AndAnyErrorImportsNothing()
    {
        await using var h = await ClinicHarness.StartAsync();
        var importer = h.Get<ClinicImporter>();
        const string Good = "type,name,phone,role,specialty,record_number,date_of_birth,time_zone,language\n" +
                            "staff,\"Nurse, Test\",+15550300002,nurse,,,,,\n" +
                            "patient,Csv Person,+15550300101,,,CSV-1,1999-09-09,,es\n";
        (await importer.ImportAsync(ClinicImporter.Parse(Good, "people.csv"), default)).Errors.ShouldBeEmpty();
        (await h.Get<ClinicDirectory>().FindStaffByPhoneAsync("+15550300002", default))!.Name.ShouldBe("Nurse, Test");

        const string Bad = "type,name,phone,role,specialty,record_number,date_of_birth\n" +
                           "patient,Another,+15550300102,,,CSV-2,1999-09-09\n" +
                           "staff,Wrong Role,+15550300003,surgeon,,,\n";
        var summary = await importer.ImportAsync(ClinicImporter.Parse(Bad, "people.csv"), default);

        summary.Errors.ShouldHaveSingleItem().ShouldBe("staff[0].role: 'surgeon' is not one of doctor, nurse, reception, admin.");
        (await h.Get<ClinicDirectory>().FindPatientByPhoneAsync("+15550300102", default)).ShouldBeNull();
    }
}
