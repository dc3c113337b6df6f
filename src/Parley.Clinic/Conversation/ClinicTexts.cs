namespace Parley.Clinic.Conversation;

/// <summary>The bot's fixed sentences in English and Spanish.</summary>
public static class ClinicTexts
{
    public const string BotDisplayName = "CARE Assistant";
    public const string Welcome = "Welcome to CARE! Type \"help\" for available commands.";

    public static string WelcomeWithLogin(string language) => ClinicFormat.IsSpanish(language)
        ? "¡Bienvenido(a) a CARE! Escribe \"ayuda\" para ver los comandos.\n\n🔐 Escribe *login* para entrar con tu número registrado."
        : Welcome + "\n\n🔐 Type *login* to sign in with your registered phone number.";

    public static string AnonymousHelp(string language) => ClinicFormat.IsSpanish(language)
        ? "📋 Comandos disponibles:\n• login - Entrar con tu número registrado\n• ayuda - Ver esta lista"
        : "📋 Available Commands:\n• login - Sign in with your registered phone number\n• help - Show this list";

    public static string PatientHelp(string language) => ClinicFormat.IsSpanish(language)
        ? "📋 Comandos disponibles:\n• get records - Tu historial médico\n• get medications - Tus medicinas\n• get appointments - Tus citas\n• get procedures - Tus procedimientos\n• menu - Ver el menú\n• logout - Cerrar sesión\n\nTambién puedes escribir \"mis medicinas\" o \"¿cuándo es mi próxima cita?\"."
        : "📋 Available Commands:\n• get records - View your medical records\n• get medications - View your medications\n• get appointments - View your appointments\n• get procedures - View your procedures\n• menu - Show the menu\n• logout - End session\n\nYou can also ask \"my medicines\" or \"when is my next appointment?\".";

    public static string StaffHelp(string language) => ClinicFormat.IsSpanish(language)
        ? "📋 Comandos del personal:\n• patient search <nombre o teléfono> - Buscar pacientes\n• patient info <teléfono> - Datos del paciente\n• schedule appointment <detalles> - Agendar una cita\n• help - Ver esta lista\n• logout - Cerrar sesión"
        : "📋 Staff Commands:\n• patient search <name or phone> - Find patients\n• patient info <phone> - Patient details\n• schedule appointment <details> - Book an appointment (e.g. schedule appointment +15550100001 with Dr. Smith tomorrow 10:00 room 205)\n• help - Show this list\n• logout - End session";

    public static string NeedLogin(string language) => ClinicFormat.IsSpanish(language)
        ? "🔐 Primero inicia sesión: escribe *login*."
        : "🔐 Please sign in first: type *login*.";

    public static string NotAllowed(string language) => ClinicFormat.IsSpanish(language)
        ? "⛔ No tienes permiso para ver eso."
        : "⛔ You are not allowed to see that.";

    public static string StaffOnly(string language) => ClinicFormat.IsSpanish(language)
        ? "⛔ Ese comando es solo para el personal de la clínica."
        : "⛔ That command is for clinic staff only.";

    public static string PatientCommandForStaff(string language) => ClinicFormat.IsSpanish(language)
        ? "Ese comando es para pacientes. Usa *patient info <teléfono>*."
        : "That command is for patients. Use *patient info <phone>*.";

    public static string NotUnderstood(string language) => ClinicFormat.IsSpanish(language)
        ? "No entendí. Escribe *ayuda* para ver los comandos."
        : "Sorry, I did not understand. Type *help* for available commands.";
}
