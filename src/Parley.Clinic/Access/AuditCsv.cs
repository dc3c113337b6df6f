using System.Globalization;
using System.Text;

namespace Parley.Clinic.Access;

/// <summary>The access audit as CSV (RFC 4180), for the privacy officer: the admin's export, the API and the CLI.</summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor_kind,actor_id,actor_role,actor_name,patient_id,what,outcome,channel,conversation_id";

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var b = new StringBuilder(Header).Append("\r\n");
        foreach (var e in entries)
        {
            b.AppendJoin(',',
                e.Id.ToString(CultureInfo.InvariantCulture),
                e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Cell(e.ActorKind),
                e.ActorId?.ToString(CultureInfo.InvariantCulture) ?? "",
                Cell(e.ActorRole),
                Cell(e.ActorName),
                e.PatientId?.ToString(CultureInfo.InvariantCulture) ?? "",
                Cell(e.What),
                Cell(e.Outcome),
                Cell(e.Channel),
                e.ConversationId?.ToString(CultureInfo.InvariantCulture) ?? "").Append("\r\n");
        }

        return b.ToString();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A leading = + - @ would be read as a formula by a spreadsheet.
        var safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
