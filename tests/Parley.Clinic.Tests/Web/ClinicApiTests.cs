using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Clinic.Access;
using Parley.Clinic.Demo;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Web;

/// <summary>The clinic's REST routes: scopes clinic:read / clinic:write, the audit of every read, conflicts as problems.</summary>
public sealed class ClinicApiTests
{
    private static Dictionary<string, string?> Settings() => new() { ["Parley:Clinic:RemindersEnabled"] = "false" };

    [Fact]
    public async Task Reads_NeedClinicRead_AndAreAudited_TheAuditExportsAsCsv()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings());
        using var plain = await app.ApiClientAsync("read");
        (await plain.GetAsync("/api/v1/clinic/patients")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var api = await app.ApiClientAsync("clinic:read");
        var info = await api.GetFromJsonAsync<JsonElement>("/api/v1/clinic/patients/" + Uri.EscapeDataString(DemoClinic.PatientPhone));
        info.GetProperty("patient").GetProperty("recordNumber").GetString().ShouldBe("DEMO-0001");
        info.GetProperty("medications").GetArrayLength().ShouldBe(2);

        var search = await api.GetFromJsonAsync<JsonElement>("/api/v1/clinic/patients?search=demo");
        search[0].GetProperty("phone").GetString().ShouldBe("•••• 0001");

        var csv = await api.GetStringAsync("/api/v1/clinic/audit?format=csv&patient=" + Uri.EscapeDataString(DemoClinic.PatientPhone));
        csv.ShouldStartWith(AuditCsv.Header);
        csv.ShouldContain(",operator,,,,");
        csv.ShouldContain(",medications,allowed,api,");
    }

    [Fact]
    public async Task Booking_NeedsClinicWrite_AndAConflictIsA409NamingIt()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings());
        using var reader = await app.ApiClientAsync("clinic:read");
        using var writer = await app.ApiClientAsync("clinic:write");
        var request = new { patientPhone = "+15550100003", doctorPhone = DemoClinic.DoctorPhone, start = new DateTimeOffset(2099, 1, 6, 10, 0, 0, TimeSpan.Zero), room = "101" };

        (await reader.PostAsJsonAsync("/api/v1/clinic/appointments", request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await writer.PostAsJsonAsync("/api/v1/clinic/appointments", request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await writer.PostAsJsonAsync("/api/v1/clinic/appointments", request);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflict").GetString().ShouldBe("DoctorBusy");
    }
}
