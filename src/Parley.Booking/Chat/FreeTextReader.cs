using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Booking.Chat;

/// <summary>
/// Reads the questions guests type ("what can I do tomorrow with two kids?", "¿qué hay el sábado para 4?", "I like
/// diving") in English and Spanish: a day, a party size, children, interests. Rules, not a model, so it works offline.
/// </summary>
public static partial class FreeTextReader
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["dive"] = "diving", ["diving"] = "diving", ["scuba"] = "diving", ["buceo"] = "diving", ["bucear"] = "diving",
        ["snorkel"] = "snorkel", ["snorkeling"] = "snorkel", ["esnorquel"] = "snorkel",
        ["spa"] = "spa", ["massage"] = "spa", ["masaje"] = "spa", ["masajes"] = "spa", ["relax"] = "wellness", ["relajarme"] = "wellness",
        ["yoga"] = "yoga", ["wellness"] = "wellness", ["bienestar"] = "wellness",
        ["kayak"] = "kayak", ["kayaking"] = "kayak", ["paddle"] = "kayak", ["remo"] = "kayak",
        ["tour"] = "tour", ["tours"] = "tour", ["excursion"] = "tour", ["excursiones"] = "tour", ["ruins"] = "culture", ["ruinas"] = "culture",
        ["culture"] = "culture", ["cultura"] = "culture", ["cenote"] = "tour", ["cenotes"] = "tour",
        ["cooking"] = "cooking", ["cook"] = "cooking", ["cocina"] = "cooking", ["cocinar"] = "cooking", ["food"] = "food", ["comida"] = "food",
        ["sunset"] = "sunset", ["atardecer"] = "sunset", ["boat"] = "boat", ["barco"] = "boat", ["lancha"] = "boat", ["sailing"] = "boat", ["velero"] = "boat",
        ["fishing"] = "fishing", ["pesca"] = "fishing", ["pescar"] = "fishing",
        ["sea"] = "water", ["water"] = "water", ["mar"] = "water", ["agua"] = "water", ["beach"] = "water", ["playa"] = "water",
        ["adventure"] = "adventure", ["aventura"] = "adventure", ["bike"] = "adventure", ["bici"] = "adventure", ["bicicleta"] = "adventure",
        ["turtles"] = "nature", ["tortugas"] = "nature", ["nature"] = "nature", ["naturaleza"] = "nature", ["birds"] = "nature", ["aves"] = "nature",
    };

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["uno"] = 1, ["una"] = 1, ["dos"] = 2, ["tres"] = 3, ["cuatro"] = 4, ["cinco"] = 5, ["seis"] = 6, ["siete"] = 7, ["ocho"] = 8,
        ["couple"] = 2, ["pareja"] = 2,
    };

    private static readonly string[] SpanishMarkers =
    [
        "hola", "que", "qué", "quiero", "reservar", "reserva", "reservas", "mañana", "manana", "hoy", "niños", "ninos", "hijos", "para", "somos",
        "gracias", "actividades", "puedo", "hay", "buenas", "buenos", "dias", "días", "gusta", "encanta", "cancelar", "mis", "con", "el", "la",
    ];

    private static readonly (string Word, DayOfWeek Day)[] Weekdays =
    [
        ("monday", DayOfWeek.Monday), ("tuesday", DayOfWeek.Tuesday), ("wednesday", DayOfWeek.Wednesday), ("thursday", DayOfWeek.Thursday),
        ("friday", DayOfWeek.Friday), ("saturday", DayOfWeek.Saturday), ("sunday", DayOfWeek.Sunday),
        ("lunes", DayOfWeek.Monday), ("martes", DayOfWeek.Tuesday), ("miercoles", DayOfWeek.Wednesday), ("jueves", DayOfWeek.Thursday),
        ("viernes", DayOfWeek.Friday), ("sabado", DayOfWeek.Saturday), ("domingo", DayOfWeek.Sunday),
    ];

    [GeneratedRegex(@"\b(i like|i love|i prefer|i'm into|me gustan?|me encantan?|prefiero)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Likes();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Words();

    public static GuestQuestion Read(string text, DateOnly today)
    {
        var lower = text.ToLowerInvariant();
        var words = Words().Matches(lower).Select(m => Fold(m.Value)).ToList();
        var spanish = words.Any(w => SpanishMarkers.Any(m => Fold(m) == w)) || lower.Contains('¿') || lower.Contains('ñ');

        DateOnly? day = null;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w is "today" or "tonight" or "hoy")
            {
                day = today;
            }
            else if (w is "tomorrow" || (w == "manana" && (i == 0 || words[i - 1] is not ("la" or "por" or "en"))))
            {
                day = today.AddDays(1);
            }
            else if (w == "pasado" && i + 1 < words.Count && words[i + 1] == "manana")
            {
                day = today.AddDays(2);
                i++;
            }
            else if (Weekdays.FirstOrDefault(d => d.Word == w) is { Word: not null } weekday)
            {
                var ahead = ((int)weekday.Day - (int)today.DayOfWeek + 7) % 7;
                day = today.AddDays(ahead == 0 ? 7 : ahead);
            }
        }

        int? party = null;
        int? kids = null;
        var withChildren = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : "";
            if (w is "kids" or "kid" or "children" or "child" or "ninos" or "nino" or "ninas" or "hijos" or "hijas" or "family" or "familia")
            {
                withChildren = true;
            }

            if (TryNumber(w, out var n) && n is > 0 and <= 50)
            {
                if (next is "kids" or "kid" or "children" or "ninos" or "ninas" or "hijos" or "hijas")
                {
                    kids = n;
                }
                else if (next is "people" or "persons" or "guests" or "adults" or "personas" or "adultos" or "of" or "de" or ""
                         || (i > 0 && words[i - 1] is "for" or "para" or "somos" or "are" or "party"))
                {
                    party = n;
                }
            }
        }

        if (kids is { } k)
        {
            party = (party ?? 1) + k;
        }

        var interests = words.Select(w => Synonyms.GetValueOrDefault(w)).OfType<string>().Distinct().ToList();
        if (withChildren)
        {
            interests.Remove("family");
        }

        return new GuestQuestion
        {
            Day = day,
            PartySize = party,
            WithChildren = withChildren,
            Interests = interests,
            StatesALike = Likes().IsMatch(lower) && interests.Count > 0,
            LooksSpanish = spanish,
        };
    }

    /// <summary>Whether the text is mostly Spanish (to answer in it), without other signs.</summary>
    public static bool LooksSpanish(string text) => Read(text, DateOnly.MinValue).LooksSpanish;

    private static bool TryNumber(string word, out int n) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out n) || Numbers.TryGetValue(word, out n);

    /// <summary>Lower case without accents (<c>mañana</c> → <c>manana</c>, <c>sábado</c> → <c>sabado</c>).</summary>
    public static string Fold(string word)
    {
        var d = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var ch in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
