using Microsoft.Playwright;
using Parley.Clinic.Demo;
using Parley.Clinic.Tests.Sandbox;
using Parley.Core.Operators;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Admin;

/// <summary>The clinic's admin pages in a real browser: the audit shows a receptionist's search, the day view, reminders, analytics.</summary>
public sealed class ClinicAdminPageTests
{
    private const string Email = "privacy@example.test";
    private const string Password = "correct horse battery staple";

    [BrowserFact]
    public async Task ThePrivacyOfficer_SeesTheAuditOfAStaffSearch_AndTheClinicPages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Clinic:RemindersEnabled"] = "false" }, kestrel: true);
        await app.Get<OperatorStore>().CreateAsync(Email, "Privacy Officer", OperatorRoles.Admin, Password);
        var rita = new ClinicChat(app, DemoClinic.ReceptionPhone);
        await rita.SignInAsync();
        await rita.SayAsync("patient search pat");

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "/admin/clinic/audit").ToString());
        await page.WaitForURLAsync("**/admin/login**");
        await page.FillAsync("[data-testid=email]", Email);
        await page.FillAsync("[data-testid=password]", Password);
        await Task.WhenAll(page.WaitForLoadStateAsync(LoadState.Load), page.ClickAsync("[data-testid=signin]"));

        var row = page.Locator("[data-testid=clinic-audit] tr", new() { HasText = "Rita Reception (demo)" });
        await row.WaitForAsync();
        (await row.InnerTextAsync()).ShouldContain("search");
        (await page.Locator("[data-testid=clinic-audit-csv]").GetAttributeAsync("href")).ShouldBe("clinic/audit.csv");
        await Browser.ScreenshotAsync(page, "clinic-admin-audit");

        await page.GotoAsync(new Uri(app.BaseUrl, "/admin/clinic").ToString());
        await page.Locator("[data-testid=clinic-analytics]", new() { HasText = "Sign-ins: 1" }).WaitForAsync();
        (await page.Locator("[data-testid=clinic-staff]").InnerTextAsync()).ShouldContain("Dr. Sam Smith");

        await page.GotoAsync(new Uri(app.BaseUrl, "/admin/clinic/appointments?date=" + app.Get<TimeProvider>().GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToString());
        await page.Locator("[data-testid=clinic-day]", new() { HasText = "Pat Demo" }).WaitForAsync();

        await page.GotoAsync(new Uri(app.BaseUrl, "/admin/clinic/notifications").ToString());
        await page.Locator("h1", new() { HasText = "Reminders and alerts" }).WaitForAsync();
    }
}
