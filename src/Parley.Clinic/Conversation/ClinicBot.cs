using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Clinic.Access;
using Parley.Clinic.Analytics;
using Parley.Clinic.Appointments;
using Parley.Clinic.Patients;
using Parley.Clinic.SignIn;
using Parley.Core.Bots;
using Parley.Core.Contacts;
using Parley.Core.Messaging;
using Parley.Identity;

namespace Parley.Clinic.Conversation;

/// <summary>
/// "CARE Assistant", the clinic's WhatsApp bot: <c>login</c>/<c>logout</c> through Identity's chat sign-in (realm
/// <c>clinic</c>), then the patient's or staff member's commands (<see cref="ClinicCommands"/>, <see cref="ScheduleFlow"/>).
/// Nothing clinical is said to a conversation that is not signed in; what a signed-in person sees is the
/// <see cref="AccessPolicy"/>'s decision. The Confirm / Cancel buttons of a reminder work without a sign-in, but only
/// from the number the appointment belongs to.
/// </summary>
public sealed class ClinicBot(
    IChatSignIn signIn,
    ClinicSignedIn signedIn,
    ClinicCommands commands,
    ScheduleFlow schedule,
    GuardedClinic guarded,
    AppointmentBooking booking,
    AppointmentStore appointments,
    ClinicDirectory directory,
    ClinicUsage usage,
    IOptions<ClinicOptions> options,
    TimeProvider time) : IBot
{
    public const string BotName = "clinic";

    public string Name => BotName;

    public string Description => $"{ClinicTexts.BotDisplayName}: the CARE clinic's patients and staff sign in and see their appointments, medications and records (demo data).";

    public async Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
    {
        var content = request.Message.Content;
        var text = content.Reply?.Id ?? content.Text ?? "";
        var state = ConversationState.Read(request.Conversation.Session);
        var command = CommandParser.Parse(text);
        var language = command.Language ?? state.Language ?? options.Value.Language;
        state = state with { Language = language };
        var conversationId = request.Conversation.Id;

        if (command.Kind is CommandKind.ConfirmAppointment or CommandKind.CancelAppointment)
        {
            return Reply(state, await AnswerButtonAsync(request, command, language, ct));
        }

        // Identity's flow sees every message: login/logout, the number and the code while it waits, and the first message
        // after a session expired (it says so); otherwise it answers NotHandled and the clinic handles the message.
        var step = await signIn.HandleAsync(request, ClinicIdentityResolver.ClinicRealm, options.Value.SessionTimeout, command.Language ?? state.Language, ct);
        if (step.Handled)
        {
            var replies = step.Replies.ToList();
            if (step.SignedIn is { } session)
            {
                state = state with { Schedule = null };
                await usage.RecordAsync(ClinicUsage.SignIn, session.Subject.Role ?? "unknown", session.Subject.Role, ct);
                var viewer = await signedIn.CurrentAsync(conversationId, ct);
                replies.Add(MessageContent.FromText(viewer?.Viewer.Kind == ViewerKind.Staff ? ClinicTexts.StaffHelp(language) : ClinicTexts.PatientHelp(language)));
            }
            else if (step.SignedOut)
            {
                state = state with { Schedule = null };
            }
            else if (!step.IsActive && (command.IsPatientData || command.IsStaffOnly))
            {
                // A clinical command that found its session expired: refused, and audited.
                state = state with { Schedule = null };
                await guarded.RefuseAsync(ClinicViewer.Anonymous(conversationId), ClinicData.SignedInCommand, null, ct);
            }

            return Reply(state, replies);
        }

        var current = await signedIn.CurrentAsync(conversationId, ct);
        if (current is not { } who)
        {
            return await AnswerSignedOutAsync(state, command, language, conversationId, ct);
        }

        var (viewerNow, _, _) = who;
        await usage.RecordAsync(ClinicUsage.Command, CommandName(command, state), RoleOf(viewerNow), ct);

        if (command.Kind == CommandKind.Schedule || (state.Schedule is not null && command.Kind is CommandKind.Unknown))
        {
            if (viewerNow.Kind != ViewerKind.Staff)
            {
                await guarded.RefuseAsync(viewerNow, ClinicData.StaffCommand, null, ct);
                return Reply(state with { Schedule = null }, [MessageContent.FromText(ClinicTexts.StaffOnly(language))]);
            }

            var starting = command.Kind == CommandKind.Schedule;
            var (replies, draft) = await schedule.StepAsync(viewerNow, starting ? new ScheduleDraft() : state.Schedule!,
                starting ? command.Argument : text, starting, language, ct);
            return Reply(state with { Schedule = draft }, replies);
        }

        if (command.Kind == CommandKind.Unknown)
        {
            return Reply(state, [MessageContent.FromText(ClinicTexts.NotUnderstood(language))]);
        }

        return Reply(state with { Schedule = null }, await commands.RunAsync(viewerNow, command, language, ct));
    }

    private async Task<BotResult> AnswerSignedOutAsync(ConversationState state, ClinicCommand command, string language, long conversationId, CancellationToken ct)
    {
        state = state with { Schedule = null };
        if (command.IsPatientData || command.IsStaffOnly)
        {
            await guarded.RefuseAsync(ClinicViewer.Anonymous(conversationId), ClinicData.SignedInCommand, null, ct);
            return Reply(state, [MessageContent.FromText(ClinicTexts.NeedLogin(language))]);
        }

        return Reply(state, [MessageContent.FromText(command.Kind == CommandKind.Help
            ? ClinicTexts.AnonymousHelp(language)
            : ClinicTexts.WelcomeWithLogin(language))]);
    }

    /// <summary>Confirm / Cancel from a reminder: allowed only from the phone of the appointment's patient.</summary>
    private async Task<IReadOnlyList<MessageContent>> AnswerButtonAsync(BotRequest request, ClinicCommand command, string language, CancellationToken ct)
    {
        var es = ClinicFormat.IsSpanish(language);
        var appointment = long.TryParse(command.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await appointments.FindAsync(id, ct) : null;
        var from = PhoneNumber.TryParse(request.Contact.Phone ?? "+" + request.Contact.WaId, null, out var p) ? p.ToE164() : null;
        var patient = from is null ? null : await directory.FindPatientByPhoneAsync(from, ct);
        if (appointment is null || patient is null || appointment.PatientId != patient.Id)
        {
            await guarded.RefuseAsync(patient is null ? ClinicViewer.Anonymous(request.Conversation.Id) : ClinicViewer.ForPatient(patient.Id, request.Conversation.Id),
                ClinicData.Appointments, appointment?.PatientId, ct);
            return [MessageContent.FromText(ClinicTexts.NotAllowed(language))];
        }

        var zone = options.Value.Zone();
        var block = ClinicFormat.Block(appointment, zone, time.GetUtcNow(), language);
        if (command.Kind == CommandKind.ConfirmAppointment)
        {
            var confirmed = await booking.ConfirmAsync(appointment.Id, ct) || appointment.State == AppointmentState.Confirmed;
            await usage.RecordAsync(ClinicUsage.Command, "confirm", ClinicIdentityResolver.PatientRole, ct);
            return [MessageContent.FromText(confirmed
                ? (es ? "✅ Cita confirmada. ¡Te esperamos!\n\n" : "✅ Appointment confirmed. See you then!\n\n") + block
                : (es ? "Esta cita ya no se puede confirmar." : "This appointment can no longer be confirmed."))];
        }

        var cancelled = await booking.CancelAsync(appointment.Id, ct) || appointment.State == AppointmentState.Cancelled;
        await usage.RecordAsync(ClinicUsage.Command, "cancel", ClinicIdentityResolver.PatientRole, ct);
        return [MessageContent.FromText(cancelled
            ? (es ? "❌ Cita cancelada.\n\n" : "❌ Appointment cancelled.\n\n") + block
            : (es ? "Esta cita ya no se puede cancelar." : "This appointment can no longer be cancelled."))];
    }

    private static string CommandName(ClinicCommand command, ConversationState state) =>
        command.Kind == CommandKind.Unknown && state.Schedule is not null ? "schedule" : command.Kind.ToString().ToLowerInvariant();

    private static string RoleOf(ClinicViewer viewer) =>
        viewer.Role is { } role ? ClinicDirectory.RoleName(role) : ClinicIdentityResolver.PatientRole;

    private static BotResult Reply(ConversationState state, IReadOnlyList<MessageContent> replies) =>
        new() { Replies = replies, Session = state.Write() };
}
