namespace Parley.Clinic.Conversation;

public enum CommandKind
{
    Unknown,
    Greeting,
    Help,
    Menu,
    Login,
    Logout,
    Records,
    Medications,
    Appointments,
    Procedures,
    PatientSearch,
    PatientInfo,
    Schedule,
    ConfirmAppointment,
    CancelAppointment,
}
