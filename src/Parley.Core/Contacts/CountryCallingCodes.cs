using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Parley.Core.Contacts;

/// <summary>
/// The geographic country calling codes assigned in ITU-T Recommendation E.164, and which of
/// them use a national trunk prefix of <c>0</c>.
/// </summary>
/// <remarks>
/// Source: ITU-T E.164 "List of ITU-T Recommendation E.164 assigned country codes" (the
/// complement to E.164, kept up to date by ITU Operational Bulletin amendments), checked against
/// the country codes in Google's libphonenumber metadata. Left out on purpose: spare and reserved
/// codes (e.g. 259, 384, 388, 422, 671, 684, 969, 978, 990, 997 — reserved for Kazakhstan in
/// 2021 but never brought into use, Kazakhstan stays on +7, 999) and the non-geographic global
/// services (800, 808, 870, 878, 881, 882, 883, 888, 979, 991), which cannot hold a WhatsApp
/// account.
/// E.164 country codes form a prefix code (no code is the start of another), so the longest
/// match at the start of a number is the only match; the lookup still tries 3, 2, then 1 digits.
/// </remarks>
public static class CountryCallingCodes
{
    /// <summary>Calling code → the countries or territories it serves (English, for people).</summary>
    private static readonly FrozenDictionary<string, string> Assigned = new Dictionary<string, string>
    {
        // Zone 1: the North American Numbering Plan.
        ["1"] = "United States, Canada and the Caribbean (NANP)",

        // Zone 2: mostly Africa.
        ["20"] = "Egypt",
        ["211"] = "South Sudan",
        ["212"] = "Morocco",
        ["213"] = "Algeria",
        ["216"] = "Tunisia",
        ["218"] = "Libya",
        ["220"] = "Gambia",
        ["221"] = "Senegal",
        ["222"] = "Mauritania",
        ["223"] = "Mali",
        ["224"] = "Guinea",
        ["225"] = "Côte d'Ivoire",
        ["226"] = "Burkina Faso",
        ["227"] = "Niger",
        ["228"] = "Togo",
        ["229"] = "Benin",
        ["230"] = "Mauritius",
        ["231"] = "Liberia",
        ["232"] = "Sierra Leone",
        ["233"] = "Ghana",
        ["234"] = "Nigeria",
        ["235"] = "Chad",
        ["236"] = "Central African Republic",
        ["237"] = "Cameroon",
        ["238"] = "Cabo Verde",
        ["239"] = "São Tomé and Príncipe",
        ["240"] = "Equatorial Guinea",
        ["241"] = "Gabon",
        ["242"] = "Congo",
        ["243"] = "Democratic Republic of the Congo",
        ["244"] = "Angola",
        ["245"] = "Guinea-Bissau",
        ["246"] = "Diego Garcia",
        ["247"] = "Ascension",
        ["248"] = "Seychelles",
        ["249"] = "Sudan",
        ["250"] = "Rwanda",
        ["251"] = "Ethiopia",
        ["252"] = "Somalia",
        ["253"] = "Djibouti",
        ["254"] = "Kenya",
        ["255"] = "Tanzania",
        ["256"] = "Uganda",
        ["257"] = "Burundi",
        ["258"] = "Mozambique",
        ["260"] = "Zambia",
        ["261"] = "Madagascar",
        ["262"] = "Réunion, Mayotte",
        ["263"] = "Zimbabwe",
        ["264"] = "Namibia",
        ["265"] = "Malawi",
        ["266"] = "Lesotho",
        ["267"] = "Botswana",
        ["268"] = "Eswatini",
        ["269"] = "Comoros",
        ["27"] = "South Africa",
        ["290"] = "Saint Helena, Tristan da Cunha",
        ["291"] = "Eritrea",
        ["297"] = "Aruba",
        ["298"] = "Faroe Islands",
        ["299"] = "Greenland",

        // Zones 3 and 4: Europe.
        ["30"] = "Greece",
        ["31"] = "Netherlands",
        ["32"] = "Belgium",
        ["33"] = "France",
        ["34"] = "Spain",
        ["350"] = "Gibraltar",
        ["351"] = "Portugal",
        ["352"] = "Luxembourg",
        ["353"] = "Ireland",
        ["354"] = "Iceland",
        ["355"] = "Albania",
        ["356"] = "Malta",
        ["357"] = "Cyprus",
        ["358"] = "Finland",
        ["359"] = "Bulgaria",
        ["36"] = "Hungary",
        ["370"] = "Lithuania",
        ["371"] = "Latvia",
        ["372"] = "Estonia",
        ["373"] = "Moldova",
        ["374"] = "Armenia",
        ["375"] = "Belarus",
        ["376"] = "Andorra",
        ["377"] = "Monaco",
        ["378"] = "San Marino",
        ["379"] = "Vatican City",
        ["380"] = "Ukraine",
        ["381"] = "Serbia",
        ["382"] = "Montenegro",
        ["383"] = "Kosovo",
        ["385"] = "Croatia",
        ["386"] = "Slovenia",
        ["387"] = "Bosnia and Herzegovina",
        ["389"] = "North Macedonia",
        ["39"] = "Italy",
        ["40"] = "Romania",
        ["41"] = "Switzerland",
        ["420"] = "Czechia",
        ["421"] = "Slovakia",
        ["423"] = "Liechtenstein",
        ["43"] = "Austria",
        ["44"] = "United Kingdom",
        ["45"] = "Denmark",
        ["46"] = "Sweden",
        ["47"] = "Norway",
        ["48"] = "Poland",
        ["49"] = "Germany",

        // Zone 5: Central and South America.
        ["500"] = "Falkland Islands",
        ["501"] = "Belize",
        ["502"] = "Guatemala",
        ["503"] = "El Salvador",
        ["504"] = "Honduras",
        ["505"] = "Nicaragua",
        ["506"] = "Costa Rica",
        ["507"] = "Panama",
        ["508"] = "Saint Pierre and Miquelon",
        ["509"] = "Haiti",
        ["51"] = "Peru",
        ["52"] = "Mexico",
        ["53"] = "Cuba",
        ["54"] = "Argentina",
        ["55"] = "Brazil",
        ["56"] = "Chile",
        ["57"] = "Colombia",
        ["58"] = "Venezuela",
        ["590"] = "Guadeloupe, Saint Barthélemy, Saint Martin",
        ["591"] = "Bolivia",
        ["592"] = "Guyana",
        ["593"] = "Ecuador",
        ["594"] = "French Guiana",
        ["595"] = "Paraguay",
        ["596"] = "Martinique",
        ["597"] = "Suriname",
        ["598"] = "Uruguay",
        ["599"] = "Curaçao, Caribbean Netherlands",

        // Zone 6: Southeast Asia and Oceania.
        ["60"] = "Malaysia",
        ["61"] = "Australia",
        ["62"] = "Indonesia",
        ["63"] = "Philippines",
        ["64"] = "New Zealand",
        ["65"] = "Singapore",
        ["66"] = "Thailand",
        ["670"] = "Timor-Leste",
        ["672"] = "Norfolk Island, Australian Antarctic Territory",
        ["673"] = "Brunei",
        ["674"] = "Nauru",
        ["675"] = "Papua New Guinea",
        ["676"] = "Tonga",
        ["677"] = "Solomon Islands",
        ["678"] = "Vanuatu",
        ["679"] = "Fiji",
        ["680"] = "Palau",
        ["681"] = "Wallis and Futuna",
        ["682"] = "Cook Islands",
        ["683"] = "Niue",
        ["685"] = "Samoa",
        ["686"] = "Kiribati",
        ["687"] = "New Caledonia",
        ["688"] = "Tuvalu",
        ["689"] = "French Polynesia",
        ["690"] = "Tokelau",
        ["691"] = "Micronesia",
        ["692"] = "Marshall Islands",

        // Zone 7: Russia and Kazakhstan share one plan.
        ["7"] = "Russia, Kazakhstan",

        // Zone 8: East Asia.
        ["81"] = "Japan",
        ["82"] = "South Korea",
        ["84"] = "Vietnam",
        ["850"] = "North Korea",
        ["852"] = "Hong Kong",
        ["853"] = "Macao",
        ["855"] = "Cambodia",
        ["856"] = "Laos",
        ["86"] = "China",
        ["880"] = "Bangladesh",
        ["886"] = "Taiwan",

        // Zone 9: West, Central and South Asia.
        ["90"] = "Türkiye",
        ["91"] = "India",
        ["92"] = "Pakistan",
        ["93"] = "Afghanistan",
        ["94"] = "Sri Lanka",
        ["95"] = "Myanmar",
        ["960"] = "Maldives",
        ["961"] = "Lebanon",
        ["962"] = "Jordan",
        ["963"] = "Syria",
        ["964"] = "Iraq",
        ["965"] = "Kuwait",
        ["966"] = "Saudi Arabia",
        ["967"] = "Yemen",
        ["968"] = "Oman",
        ["970"] = "Palestine",
        ["971"] = "United Arab Emirates",
        ["972"] = "Israel",
        ["973"] = "Bahrain",
        ["974"] = "Qatar",
        ["975"] = "Bhutan",
        ["976"] = "Mongolia",
        ["977"] = "Nepal",
        ["98"] = "Iran",
        ["992"] = "Tajikistan",
        ["993"] = "Turkmenistan",
        ["994"] = "Azerbaijan",
        ["995"] = "Georgia",
        ["996"] = "Kyrgyzstan",
        ["998"] = "Uzbekistan",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Countries whose national significant numbers never start with 0 because 0 is dialled
    /// before them inside the country (UK <c>020 7946 0958</c> is <c>+44 20 7946 0958</c>).
    /// Only countries where this is certain are listed; Italy, for one, keeps its leading 0
    /// (<c>+39 06 …</c>). Other trunk prefixes (Hungary's 06, NANP's 1, Russia's 8) are not
    /// plain zeros and are handled, where at all, by <see cref="PhoneNumber"/>.
    /// </summary>
    private static readonly FrozenSet<string> TrunkPrefixZero = new[]
    {
        "20", "27", "31", "32", "33", "40", "41", "43", "44", "46", "49",
        "51", "54", "55", "58", "60", "61", "62", "63", "64", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "98",
        "212", "213", "233", "234", "254", "255", "256", "263",
        "353", "358", "359", "380", "381", "385", "386", "421",
        "593", "595", "880", "886",
        "961", "962", "964", "966", "971", "972", "977",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AssignedBySpan =
        Assigned.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest country calling code, in digits.</summary>
    public const int MaxLength = 3;

    /// <summary>All assigned codes, for listing in an admin screen or a test.</summary>
    public static IReadOnlyCollection<string> All => Assigned.Keys;

    /// <summary>Whether <paramref name="code"/> (digits only, no <c>+</c>) is an assigned country calling code.</summary>
    public static bool IsAssigned(string? code) => code is not null && Assigned.ContainsKey(code);

    /// <summary>The countries or territories served by <paramref name="code"/>, or null if it is not assigned.</summary>
    public static string? GetName(string? code) =>
        code is not null && Assigned.TryGetValue(code, out var name) ? name : null;

    /// <summary>
    /// Finds the country calling code that <paramref name="digits"/> starts with (longest match).
    /// </summary>
    public static bool TryMatchPrefix(ReadOnlySpan<char> digits, [NotNullWhen(true)] out string? code)
    {
        for (var length = Math.Min(MaxLength, digits.Length); length >= 1; length--)
        {
            if (AssignedBySpan.ContainsKey(digits[..length]))
            {
                code = digits[..length].ToString();
                return true;
            }
        }

        code = null;
        return false;
    }

    /// <summary>Whether numbers of this country are dialled nationally with a leading 0 that E.164 drops.</summary>
    internal static bool UsesTrunkPrefixZero(string code) => TrunkPrefixZero.Contains(code);
}
