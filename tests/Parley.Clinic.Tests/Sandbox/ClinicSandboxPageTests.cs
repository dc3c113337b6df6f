using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Clinic.Demo;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Clinic.Tests.Sandbox;

/// <summary>The issue's "done when", in a real browser on /sandbox: a demo patient and a demo receptionist of the demo clinic.</summary>
public sealed partial class ClinicSandboxPageTests
{
    [GeneratedRegex(@"^(\d{6}) is your")]
    private static partial Regex CodePattern();

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("[data-testid=message-input]", text);
        await page.PressAsync("[data-testid=message-input]", "Enter");
    }

    private static ILocator Outbound(IPage page, string text) =>
        page.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text]", new() { HasText = text });

    /// <summary>login, the number, then the code as the simulated phone shows it.</summary>
    private static async Task SignInAsync(IPage page, string phone)
    {
        await SendAsync(page, "login");
        await Outbound(page, "registered phone number").WaitForAsync();
        await SendAsync(page, phone);
        // The thread shows the code masked until the send fills it in: wait for the digits the phone received.
        var codeMessage = page.Locator("[data-testid=message][data-direction=outbound] [data-testid=message-text]", new() { HasTextRegex = CodePattern() }).Last;
        await codeMessage.WaitForAsync();
        var code = CodePattern().Match(await codeMessage.InnerTextAsync()).Groups[1].Value;
        code.Length.ShouldBe(6);
        await SendAsync(page, code);
        await Outbound(page, "you are signed in").WaitForAsync();
    }

    [BrowserFact]
    public async Task ADemoPatient_SignsInWithTheCodeFromThePhone_AndReadsAppointments_AReceptionistSeesMaskedSearchResults()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Clinic:RemindersEnabled"] = "false" }, kestrel: true);
        await using var browser = await Browser.LaunchAsync();

        var patient = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        await patient.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=clinic&contact=%2B15550100001&name=Pat").ToString());
        await SignInAsync(patient, DemoClinic.PatientPhone);
        await SendAsync(patient, "get appointments");
        await Outbound(patient, "Room 205, Main Building").WaitForAsync();
        (await Outbound(patient, "Your Upcoming Appointments").Last.InnerTextAsync()).ShouldContain("Dr. Sam Smith - Cardiology");
        await Browser.ScreenshotAsync(patient, "clinic-patient-appointments");

        var reception = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        await reception.GotoAsync(new Uri(app.BaseUrl, "/sandbox?account=clinic&contact=%2B15550100104&name=Rita").ToString());
        await SignInAsync(reception, DemoClinic.ReceptionPhone);
        await SendAsync(reception, "patient search pat");
        var results = Outbound(reception, "Patients (");
        await results.WaitForAsync();
        var text = await results.InnerTextAsync();
        text.ShouldContain("•••• 0001");
        text.ShouldNotContain(DemoClinic.PatientPhone);
        text.ShouldNotContain("1980-04-12");
        await Browser.ScreenshotAsync(reception, "clinic-reception-search");
    }
}
