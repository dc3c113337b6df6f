using Microsoft.Extensions.Options;
using Parley.Core.Startup;
using Parley.Core.Templates;

namespace Parley.Clinic.Notifications;

/// <summary>
/// Puts the clinic's UTILITY templates (reminder, medication alert, appointment notice) in the template catalogue of the
/// clinic's account at start, under source <c>clinic</c>: an operator's own edits of a template of the same name are kept.
/// On Meta the templates must also be created and approved in WhatsApp Manager with the same names and bodies.
/// </summary>
public sealed class ClinicTemplates(TemplateWriter writer, IOptions<ClinicOptions> options) : IStartupTask
{
    public const string Source = "clinic";

    public string Name => "clinic.templates";

    public StartupPhase Phase => StartupPhase.Content;

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        foreach (var (name, body) in Templates(o))
        {
            await writer.UpsertSyncedAsync(new TemplateRecord(o.Account, name, o.TemplateLanguage, Source)
            {
                Category = "UTILITY",
                Status = "local",
                Body = body,
            }, ct);
        }
    }

    public static IEnumerable<(string Name, string Body)> Templates(ClinicOptions o) =>
    [
        (o.ReminderTemplate, "⏰ Appointment reminder: {{1}}, {{2}}, {{3}}. Reply Confirm or Cancel."),
        (o.MedicationTemplate, "💊 Time for your medication: {{1}} ({{2}})."),
        (o.AppointmentNoticeTemplate, "📅 A new appointment was booked for you: {{1}}, {{2}}, {{3}}."),
    ];
}
