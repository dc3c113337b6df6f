using System.Globalization;

namespace Parley.Identity;

/// <summary>What Identity says to people, in Spanish and English (English for any other language).</summary>
public static class IdentityTexts
{
    /// <summary><c>es</c> for Spanish (<c>es</c>, <c>es-MX</c>, …), else <c>en</c>.</summary>
    public static string Language(string? language) =>
        language is { Length: >= 2 } l && l.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? "es" : "en";

    public static string CodeMessage(string? language, string sender, string code, TimeSpan lifetime)
    {
        var minutes = Math.Max(1, (int)Math.Round(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return Language(language) == "es"
            ? $"{code} es tu código para entrar en {sender}. Caduca en {minutes} minutos. Nunca compartas este código con nadie: nadie de {sender} te lo pedirá."
            : $"{code} is your {sender} sign-in code. It expires in {minutes} minutes. Never share this code with anyone: no one from {sender} will ask you for it.";
    }

    /// <summary>WhatsApp's preset text of an AUTHENTICATION template, with the security recommendation; <c>{{1}}</c> is the code.</summary>
    public static string AuthenticationTemplateBody(string? language) => Language(language) == "es"
        ? "{{1}} es tu código de verificación. Por tu seguridad, no lo compartas."
        : "{{1}} is your verification code. For your security, do not share this code.";

    public static string AskPhone(string? language) => Language(language) == "es"
        ? "Para entrar, escribe el número de teléfono registrado (con el código de país, por ejemplo +34 600 000 000). Escribe «cancelar» para salir."
        : "To sign in, type your registered phone number (with the country code, e.g. +1 555 000 1111). Type \"cancel\" to stop.";

    public static string BadPhone(string? language) => Language(language) == "es"
        ? "No entiendo ese número. Escríbelo con el código de país, por ejemplo +34 600 000 000, o escribe «cancelar»."
        : "I can't read that number. Type it with the country code, e.g. +1 555 000 1111, or type \"cancel\".";

    public static string NotRegistered(string? language) => Language(language) == "es"
        ? "Ese número no está registrado aquí. Prueba con otro número o escribe «cancelar»."
        : "That number is not registered here. Try another number or type \"cancel\".";

    public static string CodeSent(string? language, string maskedPhone, TimeSpan lifetime)
    {
        var minutes = Math.Max(1, (int)Math.Round(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return Language(language) == "es"
            ? $"Te he enviado un código de 6 dígitos por WhatsApp al {maskedPhone}. Escríbelo aquí (caduca en {minutes} minutos)."
            : $"I sent a 6-digit code to {maskedPhone} on WhatsApp. Type it here (it expires in {minutes} minutes).";
    }

    public static string TypeCode(string? language) => Language(language) == "es"
        ? "Escribe el código de 6 dígitos que te he enviado, o «cancelar»."
        : "Type the 6-digit code I sent you, or \"cancel\".";

    public static string WrongCode(string? language, int triesLeft) => Language(language) == "es"
        ? $"Ese código no es correcto. Te quedan {triesLeft.ToString(CultureInfo.InvariantCulture)} intentos."
        : $"That code is not right. {triesLeft.ToString(CultureInfo.InvariantCulture)} tries left.";

    public static string ExpiredCode(string? language) => Language(language) == "es"
        ? "Ese código ha caducado. Escribe «login» para recibir uno nuevo."
        : "That code has expired. Type \"login\" to get a new one.";

    public static string DeadCode(string? language) => Language(language) == "es"
        ? "Ese código ya no sirve (demasiados intentos o se envió uno más nuevo). Escribe «login» para empezar de nuevo."
        : "That code no longer works (too many tries, or a newer one was sent). Type \"login\" to start again.";

    public static string TooMany(string? language, TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return Language(language) == "es"
            ? $"Has pedido demasiados códigos. Inténtalo de nuevo dentro de {minutes} minutos."
            : $"Too many codes were requested. Try again in {minutes} minutes.";
    }

    public static string CannotSend(string? language) => Language(language) == "es"
        ? "No puedo enviar un código a ese número ahora mismo. Inténtalo más tarde."
        : "I can't send a code to that number right now. Please try again later.";

    public static string SignedIn(string? language, string name) => Language(language) == "es"
        ? $"Listo, {name}: has entrado. Escribe «logout» para salir."
        : $"Done, {name}: you are signed in. Type \"logout\" to sign out.";

    public static string SignedOut(string? language) => Language(language) == "es"
        ? "Has salido. Escribe «login» para volver a entrar."
        : "You are signed out. Type \"login\" to sign in again.";

    public static string NotSignedIn(string? language) => Language(language) == "es"
        ? "No habías entrado. Escribe «login» para entrar."
        : "You were not signed in. Type \"login\" to sign in.";

    public static string Cancelled(string? language) => Language(language) == "es"
        ? "Cancelado."
        : "Cancelled.";

    public static string SessionExpired(string? language) => Language(language) == "es"
        ? "Tu sesión ha caducado. Escribe «login» para volver a entrar."
        : "Your session has expired. Type \"login\" to sign in again.";
}
