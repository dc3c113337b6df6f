using System.Globalization;
using System.Text;
using Parley.Clinic.Notifications;

namespace Parley.Clinic.Conversation;

/// <summary>
/// Reads a message as a clinic command: the exact commands of the help ("get records", "patient search Ana") and the
/// natural phrasings in English and Spanish ("my medicines", "mis medicinas", "¿cuándo es mi próxima cita?").
/// </summary>
public static class CommandParser
{
    private static readonly (string Phrase, CommandKind Kind, string? Language)[] Phrases =
    [
        ("log in", CommandKind.Login, "en"),
        ("sign in", CommandKind.Login, "en"),
        ("iniciar sesion", CommandKind.Login, "es"),
        ("log out", CommandKind.Logout, "en"),
        ("sign out", CommandKind.Logout, "en"),
        ("cerrar sesion", CommandKind.Logout, "es"),
        ("salir", CommandKind.Logout, "es"),
        ("ayuda", CommandKind.Help, "es"),
        ("comandos", CommandKind.Help, "es"),
        ("commands", CommandKind.Help, "en"),
        ("menu", CommandKind.Menu, null),
        ("hola", CommandKind.Greeting, "es"),
        ("buenas", CommandKind.Greeting, "es"),
        ("hello", CommandKind.Greeting, "en"),
        ("hi", CommandKind.Greeting, "en"),
    ];

    private static readonly (string Prefix, CommandKind Kind)[] GetCommands =
    [
        ("get records", CommandKind.Records),
        ("get medications", CommandKind.Medications),
        ("get appointments", CommandKind.Appointments),
        ("get procedures", CommandKind.Procedures),
    ];

    private static readonly (string[] Words, CommandKind Kind, string Language)[] Topics =
    [
        (["medicinas", "medicamentos", "medicina", "medicamento", "pastillas", "recetas"], CommandKind.Medications, "es"),
        (["medications", "medication", "medicines", "medicine", "meds", "pills", "prescriptions"], CommandKind.Medications, "en"),
        (["cita", "citas", "consulta", "consultas"], CommandKind.Appointments, "es"),
        (["appointment", "appointments", "visit", "visits"], CommandKind.Appointments, "en"),
        (["historial", "expediente", "registros", "diagnosticos", "alergias"], CommandKind.Records, "es"),
        (["records", "record", "history", "diagnoses", "allergies", "conditions"], CommandKind.Records, "en"),
        (["procedimientos", "procedimiento", "operaciones", "cirugias"], CommandKind.Procedures, "es"),
        (["procedures", "procedure", "surgeries", "operations"], CommandKind.Procedures, "en"),
    ];

    public static ClinicCommand Parse(string? text)
    {
        var raw = (text ?? "").Trim();
        if (raw.StartsWith(ReminderMessages.ConfirmPrefix, StringComparison.Ordinal))
        {
            return new ClinicCommand(CommandKind.ConfirmAppointment, raw[ReminderMessages.ConfirmPrefix.Length..]);
        }

        if (raw.StartsWith(ReminderMessages.CancelPrefix, StringComparison.Ordinal))
        {
            return new ClinicCommand(CommandKind.CancelAppointment, raw[ReminderMessages.CancelPrefix.Length..]);
        }

        var normalized = Normalize(raw);
        if (normalized.Length == 0)
        {
            return new ClinicCommand(CommandKind.Unknown);
        }

        switch (normalized)
        {
            case "help":
                return new ClinicCommand(CommandKind.Help);
            case "login":
                return new ClinicCommand(CommandKind.Login);
            case "logout":
                return new ClinicCommand(CommandKind.Logout);
        }

        // Staff commands keep their argument as typed (a name, a phone, the details of an appointment).
        if (StartsWith(normalized, raw, ["patient search", "search patient", "buscar paciente"], out var term))
        {
            return new ClinicCommand(CommandKind.PatientSearch, term) { Language = normalized.StartsWith("buscar", StringComparison.Ordinal) ? "es" : null };
        }

        if (StartsWith(normalized, raw, ["patient info", "info paciente"], out var phone))
        {
            return new ClinicCommand(CommandKind.PatientInfo, phone) { Language = normalized.StartsWith("patient", StringComparison.Ordinal) ? null : "es" };
        }

        if (StartsWith(normalized, raw, ["schedule appointment", "book appointment", "agendar cita", "programar cita"], out var details))
        {
            return new ClinicCommand(CommandKind.Schedule, details) { Language = normalized.StartsWith("agendar", StringComparison.Ordinal) || normalized.StartsWith("programar", StringComparison.Ordinal) ? "es" : null };
        }

        // "get records" (a patient's own); an argument ("get records +1555…") is an attempt at someone else's and is refused.
        foreach (var (prefix, kind) in GetCommands)
        {
            if (StartsWith(normalized, raw, [prefix], out var whose))
            {
                return new ClinicCommand(kind, whose);
            }
        }

        foreach (var (phrase, kind, language) in Phrases)
        {
            if (normalized == phrase)
            {
                return new ClinicCommand(kind) { Language = language };
            }
        }

        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (topicWords, kind, language) in Topics)
        {
            if (words.Any(w => topicWords.Contains(w)))
            {
                return new ClinicCommand(kind) { Language = language };
            }
        }

        if (words.Contains("help") || words.Contains("ayuda"))
        {
            return new ClinicCommand(CommandKind.Help) { Language = words.Contains("ayuda") ? "es" : "en" };
        }

        return new ClinicCommand(CommandKind.Unknown);
    }

    /// <summary>Lower case, no accents, no punctuation, single spaces ("¿Cuándo es mi próxima cita?" → "cuando es mi proxima cita").</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            b.Append(char.IsLetterOrDigit(ch) || ch == '+' ? ch : ' ');
        }

        return string.Join(' ', b.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool StartsWith(string normalized, string raw, string[] prefixes, out string argument)
    {
        foreach (var prefix in prefixes)
        {
            if (normalized == prefix || normalized.StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                // The argument as typed: skip as many words of the raw text as the prefix has.
                var count = prefix.Split(' ').Length;
                var parts = raw.Split((char[]?)null, count + 1, StringSplitOptions.RemoveEmptyEntries);
                argument = parts.Length > count ? parts[count].Trim() : "";
                return true;
            }
        }

        argument = "";
        return false;
    }
}
