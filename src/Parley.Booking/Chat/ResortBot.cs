using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Booking.Model;
using Parley.Booking.Recommendations;
using Parley.Booking.Store;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Booking.Chat;

/// <summary>
/// The resort's WhatsApp concierge (bot <c>resort</c>, English and Spanish): categories and activities as list messages,
/// an activity card with its primary image and next free times, a time (list) and a party size (buttons), then a pending
/// hold with the link and deadline to confirm on the web; "my bookings", cancelling, free-text questions answered from
/// availability and preferences, and rule-based recommendations.
/// </summary>
public sealed partial class ResortBot(
    ActivityCatalog activities,
    SlotSchedule slots,
    BookingLedger ledger,
    BookingQueries bookings,
    PreferenceStore preferences,
    Recommender recommender,
    BookingLinks links,
    BookingFormat format,
    IOptions<BookingOptions> options,
    IEnumerable<IReplyPhrasing> phrasings,
    TimeProvider time) : IBot
{
    public const string BotName = "resort";

    public string Name => BotName;

    public string Description => "Resort concierge: activities, recommendations and bookings confirmed on the web (demo resort)";

    [GeneratedRegex(@"\bR[A-HJ-NP-Z2-9]{6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    public async Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
    {
        var session = ResortSession.Parse(request.Conversation.Session);
        var phone = request.Contact.Phone ?? "+" + request.Contact.WaId;
        var content = request.Message.Content;
        var choice = content.Reply?.Id;
        var text = (content.Text ?? content.Reply?.Title ?? "").Trim();

        var language = session.Language;
        if (choice is null && text.Length > 0)
        {
            var lower = FreeTextReader.Fold(text.ToLowerInvariant());
            if (lower is "english" or "ingles" or "en")
            {
                language = "en";
            }
            else if (lower is "espanol" or "spanish" or "es")
            {
                language = "es";
            }
            else if (language is null)
            {
                language = FreeTextReader.LooksSpanish(text) ? "es" : (await preferences.ProfileAsync(phone, ct)).Language;
            }
        }

        language ??= "en";
        if (language != session.Language)
        {
            await preferences.UpdateGuestAsync(phone, request.Contact.Name, language, null, ct);
        }

        var turn = new Turn(request, phone, language, ResortTexts.For(language), session with { Language = language, AwaitingPartyFor = null });
        var replies = choice is not null ? await ChoiceAsync(turn, choice, session, ct) : await TextAsync(turn, text, session, ct);
        return new BotResult { Replies = replies, Session = turn.Next.Serialize() };
    }

    private async Task<IReadOnlyList<MessageContent>> ChoiceAsync(Turn turn, string choice, ResortSession session, CancellationToken ct)
    {
        var (kind, arg) = choice.IndexOf(':') is var i and > 0 ? (choice[..i], choice[(i + 1)..]) : (choice, "");
        switch (kind)
        {
            case "menu" when arg == "cats":
                return await CategoriesAsync(turn, ct);
            case "menu" when arg == "rec":
                return await RecommendAsync(turn, new GuestQuestion(), ct);
            case "menu" when arg == "mine":
                return await MineAsync(turn, ct);
            case "cat":
                return await CategoryAsync(turn, arg, ct);
            case "act" when long.TryParse(arg, out var activityId):
                return await ActivityAsync(turn, activityId, ct);
            case "slot" when long.TryParse(arg, out var slotId):
                return await AskPartyAsync(turn, slotId, ct);
            case "party" when arg.Split(':') is [var s, var n] && long.TryParse(s, out var slot) && int.TryParse(n, out var size):
                return await HoldAsync(turn, slot, size, ct);
            case "bk":
                return await BookingAsync(turn, arg, ct);
            case "cancel":
                return await AskCancelAsync(turn, arg, ct);
            case "cancelyes":
                return await CancelAsync(turn, arg, ct);
            default:
                return Welcome(turn);
        }
    }

    private async Task<IReadOnlyList<MessageContent>> TextAsync(Turn turn, string text, ResortSession session, CancellationToken ct)
    {
        var lower = FreeTextReader.Fold(text.ToLowerInvariant()).Trim(' ', '?', '!', '.', '¿', '¡');
        if (session.AwaitingPartyFor is { } pendingSlot && int.TryParse(lower, NumberStyles.Integer, CultureInfo.InvariantCulture, out var typed))
        {
            return await HoldAsync(turn, pendingSlot, typed, ct);
        }

        var reference = Reference().Match(text);
        if (reference.Success && (lower.StartsWith("cancel", StringComparison.Ordinal)))
        {
            return await AskCancelAsync(turn, reference.Value.ToUpperInvariant(), ct);
        }

        if (reference.Success)
        {
            return await BookingAsync(turn, reference.Value.ToUpperInvariant(), ct);
        }

        if (lower is "" or "hi" or "hello" or "hey" or "hola" or "menu" or "start" or "inicio" or "help" or "ayuda" or "english" or "ingles" or "espanol" or "spanish"
            || lower.StartsWith("buenos", StringComparison.Ordinal) || lower.StartsWith("buenas", StringComparison.Ordinal) || lower.StartsWith("good ", StringComparison.Ordinal))
        {
            return Welcome(turn);
        }

        if (lower is "my bookings" or "bookings" or "mis reservas" or "reservas" or "mis reservaciones" or "my booking" or "mi reserva")
        {
            return await MineAsync(turn, ct);
        }

        if (lower is "activities" or "actividades" or "categories" or "categorias" or "browse" or "ver actividades")
        {
            return await CategoriesAsync(turn, ct);
        }

        var today = DateOnly.FromDateTime(format.Local(time.GetUtcNow()).DateTime);
        var question = FreeTextReader.Read(text, today);
        if (question.StatesALike)
        {
            foreach (var interest in question.Interests)
            {
                await preferences.LearnAsync(turn.Phone, GuestPreference.InterestKind, interest, PreferenceStore.ExplicitWeight, isExplicit: true, ct);
            }

            var noted = MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.NotedLike, string.Join(", ", question.Interests)));
            return [noted, .. await RecommendAsync(turn, question with { Interests = [] }, ct)];
        }

        if (lower is "recommend" or "recomienda" or "recomiendame" or "ideas" or "suggest" or "sugerencias" or "sugiereme" or "que me recomiendas")
        {
            return await RecommendAsync(turn, new GuestQuestion(), ct);
        }

        if (question.Understood)
        {
            foreach (var interest in question.Interests)
            {
                await preferences.LearnAsync(turn.Phone, GuestPreference.InterestKind, interest, PreferenceStore.AskedWeight, ct: ct);
            }

            if (question.PartySize is { } party)
            {
                await preferences.UpdateGuestAsync(turn.Phone, null, null, party, ct);
            }

            return await RecommendAsync(turn, question, ct);
        }

        return [.. Welcome(turn, turn.T.NotUnderstood)];
    }

    private static IReadOnlyList<MessageContent> Welcome(Turn turn, string? intro = null) =>
    [
        new MessageContent
        {
            Type = MessageTypes.Interactive,
            Text = intro ?? string.Format(CultureInfo.InvariantCulture, turn.T.Welcome, 30),
            Interactive = new InteractiveContent
            {
                Kind = InteractiveContent.ButtonKind,
                Buttons = [new("menu:cats", turn.T.ActivitiesButton), new("menu:rec", turn.T.ForMeButton), new("menu:mine", turn.T.MineButton)],
            },
        },
    ];

    private async Task<IReadOnlyList<MessageContent>> CategoriesAsync(Turn turn, CancellationToken ct)
    {
        var all = await activities.ListAsync(false, ct);
        var rows = all.GroupBy(a => a.Category, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ListRow("cat:" + g.Key, BookingFormat.Fit(Category(g.Key, turn.Language), 24))
            {
                Description = BookingFormat.Fit(string.Join(", ", g.Select(a => a.NameIn(turn.Language))), 72),
            })
            .Take(10).ToList();
        return [List(turn.T.ChooseCategory, turn.T.CategoriesList, rows)];
    }

    private async Task<IReadOnlyList<MessageContent>> CategoryAsync(Turn turn, string category, CancellationToken ct)
    {
        var availability = await slots.AvailabilityAsync(ct);
        var inCategory = (await activities.ListAsync(false, ct)).Where(a => string.Equals(a.Category, category, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inCategory.Count == 0)
        {
            return await CategoriesAsync(turn, ct);
        }

        await preferences.LearnAsync(turn.Phone, GuestPreference.CategoryKind, category, PreferenceStore.AskedWeight, ct: ct);
        var rows = inCategory.Take(10).Select(a => new ListRow("act:" + a.Id.ToString(CultureInfo.InvariantCulture), BookingFormat.Fit(a.NameIn(turn.Language), 24))
        {
            Description = BookingFormat.Fit($"{BookingFormat.Money(a.PriceCents, a.Currency, turn.Language)} · {BookingFormat.Duration(a.DurationMinutes, turn.Language)} · {string.Format(CultureInfo.InvariantCulture, turn.T.FreeSeats, availability.GetValueOrDefault(a.Id).FreeSeats)}", 72),
        }).ToList();
        return [List(string.Format(CultureInfo.InvariantCulture, turn.T.ChooseActivity, Category(category, turn.Language)), turn.T.ActivitiesList, rows)];
    }

    private async Task<IReadOnlyList<MessageContent>> ActivityAsync(Turn turn, long activityId, CancellationToken ct)
    {
        var activity = await activities.FindAsync(activityId, ct);
        if (activity is not { Active: true })
        {
            return await CategoriesAsync(turn, ct);
        }

        await preferences.LearnAsync(turn.Phone, GuestPreference.CategoryKind, activity.Category, PreferenceStore.AskedWeight, ct: ct);
        var free = (await slots.UpcomingAsync(activityId, 30, openOnly: true, ct)).Where(s => s.Available > 0).Take(9).ToList();
        var card = new StringBuilder();
        card.Append('*').Append(activity.NameIn(turn.Language)).Append("*\n");
        card.Append(activity.DescriptionIn(turn.Language)).Append("\n\n");
        card.Append("💵 ").Append(BookingFormat.Money(activity.PriceCents, activity.Currency, turn.Language)).Append(' ').Append(turn.T.PerPerson);
        card.Append(" · ⏱ ").Append(BookingFormat.Duration(activity.DurationMinutes, turn.Language));
        if (activity.MinAge > 0)
        {
            card.Append(" · ").Append(string.Format(CultureInfo.InvariantCulture, turn.T.MinAge, activity.MinAge));
        }

        card.Append("\n📍 ").Append(activity.MeetingPoint);
        if (free.Count > 0)
        {
            card.Append("\n\n").Append(turn.T.NextTimes).Append(": ")
                .Append(string.Join(", ", free.Take(3).Select(s => $"{format.When(s.StartsAt, turn.Language)} ({string.Format(CultureInfo.InvariantCulture, turn.T.FreeSeats, s.Available)})")));
        }

        var replies = new List<MessageContent>();
        var images = await activities.ImagesAsync(activityId, ct);
        var caption = BookingFormat.Fit(card.ToString(), 1024);
        if ((images.FirstOrDefault(i => i.IsPrimary) ?? images.FirstOrDefault()) is { } image)
        {
            replies.Add(new MessageContent
            {
                Type = MessageTypes.Image,
                Text = caption,
                Media = new MediaInfo { StoredId = image.MediaId, Url = links.Image(image.MediaId), MimeType = image.MimeType, FileName = image.AltText },
            });
        }
        else
        {
            replies.Add(MessageContent.FromText(caption));
        }

        if (free.Count == 0)
        {
            replies.Add(MessageContent.FromText(turn.T.NoSlots));
            return replies;
        }

        var rows = free.Select(s => new ListRow("slot:" + s.Id.ToString(CultureInfo.InvariantCulture), BookingFormat.Fit(format.When(s.StartsAt, turn.Language), 24))
        {
            Description = string.Format(CultureInfo.InvariantCulture, turn.T.FreeSeats, s.Available),
        }).ToList();
        replies.Add(List(string.Format(CultureInfo.InvariantCulture, turn.T.ChooseSlot, activity.NameIn(turn.Language)), turn.T.SlotsList, rows));
        return replies;
    }

    private async Task<IReadOnlyList<MessageContent>> AskPartyAsync(Turn turn, long slotId, CancellationToken ct)
    {
        var slot = await ledger.SlotAsync(slotId, ct);
        var activity = slot is null ? null : await activities.FindAsync(slot.ActivityId, ct);
        if (slot is null || activity is null || !slot.IsOpen || slot.Available == 0 || slot.StartsAt <= time.GetUtcNow())
        {
            return [MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.SlotTaken, turn.Language == "es" ? "ese horario ya no está disponible." : "that time is no longer available.")),
                .. activity is null ? await CategoriesAsync(turn, ct) : await ActivityAsync(turn, activity.Id, ct)];
        }

        turn.Next = turn.Next with { AwaitingPartyFor = slotId };
        var usual = (await preferences.ProfileAsync(turn.Phone, ct)).UsualPartySize;
        var sizes = new List<int> { 1, 2 };
        sizes.Add(usual is { } u && u > 2 ? u : 3);
        var buttons = sizes.Where(n => n <= slot.Available).Distinct()
            .Select(n => new ReplyButton($"party:{slotId}:{n}", $"{n} {turn.T.Seats(n)}")).ToList();
        var body = string.Format(CultureInfo.InvariantCulture, turn.T.HowMany, activity.NameIn(turn.Language), format.When(slot.StartsAt, turn.Language), slot.Available);
        return
        [
            new MessageContent
            {
                Type = MessageTypes.Interactive,
                Text = body,
                Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = buttons },
            },
        ];
    }

    private async Task<IReadOnlyList<MessageContent>> HoldAsync(Turn turn, long slotId, int partySize, CancellationToken ct)
    {
        var result = await ledger.HoldAsync(new HoldRequest(turn.Phone, slotId, partySize)
        {
            GuestName = turn.Request.Contact.Name,
            AccountId = turn.Request.Account.Id,
            Language = turn.Language,
        }, ct);
        if (!result.Ok)
        {
            turn.Next = turn.Next with { AwaitingPartyFor = result.Error!.Code is BookingError.PartySize or BookingError.SlotFull ? slotId : null };
            return [MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.SlotTaken, Translate(result.Error!, turn.Language)))];
        }

        var b = result.Booking!;
        await preferences.UpdateGuestAsync(turn.Phone, turn.Request.Contact.Name, turn.Language, partySize, ct);
        var activity = await activities.FindAsync(b.ActivityId, ct);
        if (activity is not null)
        {
            await preferences.LearnAsync(turn.Phone, GuestPreference.CategoryKind, activity.Category, PreferenceStore.BookedWeight, ct: ct);
        }

        var text = string.Format(CultureInfo.InvariantCulture, turn.T.Held,
            b.PartySize, turn.T.Seats(b.PartySize), b.ActivityNameIn(turn.Language), format.When(b.SlotStartsAt, turn.Language),
            BookingFormat.Money(b.TotalCents, b.Currency, turn.Language), b.Reference,
            format.Time(b.HoldExpiresAt, time.GetUtcNow(), turn.Language), links.Booking(b.Reference));
        return
        [
            new MessageContent
            {
                Type = MessageTypes.Interactive,
                Text = text,
                Interactive = new InteractiveContent
                {
                    Kind = InteractiveContent.ButtonKind,
                    Buttons = [new("menu:mine", turn.T.MineButton), new("cancel:" + b.Reference, turn.T.CancelButton)],
                },
            },
        ];
    }

    private async Task<IReadOnlyList<MessageContent>> MineAsync(Turn turn, CancellationToken ct)
    {
        var mine = await bookings.ForGuestAsync(turn.Phone, ct);
        if (mine.Count == 0)
        {
            return [.. Welcome(turn, turn.T.BookingsEmpty)];
        }

        var now = time.GetUtcNow();
        var shown = mine.Take(10).ToList();
        var lines = string.Join("\n", shown.Select(b =>
            $"• *{b.Reference}* {b.ActivityNameIn(turn.Language)}, {format.When(b.SlotStartsAt, turn.Language)}, {b.PartySize} {turn.T.Seats(b.PartySize)}: {turn.T.State(b.State, format.Time(b.HoldExpiresAt, now, turn.Language))}"));
        var rows = shown.Select(b => new ListRow("bk:" + b.Reference, $"{b.Reference} {BookingFormat.Fit(b.ActivityNameIn(turn.Language), 16)}")
        {
            Description = BookingFormat.Fit($"{format.When(b.SlotStartsAt, turn.Language)} · {turn.T.State(b.State, format.Time(b.HoldExpiresAt, now, turn.Language))}", 72),
        }).ToList();
        return [List(BookingFormat.Fit(turn.T.BookingsIntro + "\n" + lines, 1024), turn.T.BookingsList, rows)];
    }

    private async Task<IReadOnlyList<MessageContent>> BookingAsync(Turn turn, string reference, CancellationToken ct)
    {
        var b = await ledger.FindAsync(reference, turn.Phone, ct);
        if (b is null)
        {
            return [MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.NotFound, BookingReferences.Normalize(reference)))];
        }

        var now = time.GetUtcNow();
        var text = new StringBuilder($"*{b.Reference}* {b.ActivityNameIn(turn.Language)}\n{format.When(b.SlotStartsAt, turn.Language)} · {b.PartySize} {turn.T.Seats(b.PartySize)} · {BookingFormat.Money(b.TotalCents, b.Currency, turn.Language)}\n{turn.T.State(b.State, format.Time(b.HoldExpiresAt, now, turn.Language))}");
        if (b.State == BookingState.Pending)
        {
            text.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, turn.T.ConfirmHere, links.Booking(b.Reference)));
        }
        else if (b.State == BookingState.Confirmed && ledger.CanGuestCancel(b, now))
        {
            text.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, turn.T.CancelUntil, format.When(ledger.CancelUntil(b), turn.Language)));
        }

        if (ledger.CanGuestCancel(b, now))
        {
            return
            [
                new MessageContent
                {
                    Type = MessageTypes.Interactive,
                    Text = text.ToString(),
                    Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = [new("cancel:" + b.Reference, turn.T.CancelButton), new("menu:mine", turn.T.MineButton)] },
                },
            ];
        }

        return [MessageContent.FromText(text.ToString())];
    }

    private async Task<IReadOnlyList<MessageContent>> AskCancelAsync(Turn turn, string reference, CancellationToken ct)
    {
        var b = await ledger.FindAsync(reference, turn.Phone, ct);
        if (b is null)
        {
            return [MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.NotFound, BookingReferences.Normalize(reference)))];
        }

        if (!ledger.CanGuestCancel(b, time.GetUtcNow()))
        {
            return [MessageContent.FromText(CancelRefusal(turn, b))];
        }

        return
        [
            new MessageContent
            {
                Type = MessageTypes.Interactive,
                Text = string.Format(CultureInfo.InvariantCulture, turn.T.CancelAsk, b.Reference, b.ActivityNameIn(turn.Language), format.When(b.SlotStartsAt, turn.Language)),
                Interactive = new InteractiveContent { Kind = InteractiveContent.ButtonKind, Buttons = [new("cancelyes:" + b.Reference, turn.T.CancelYes), new("menu:mine", turn.T.KeepButton)] },
            },
        ];
    }

    private async Task<IReadOnlyList<MessageContent>> CancelAsync(Turn turn, string reference, CancellationToken ct)
    {
        var result = await ledger.CancelAsync(reference, turn.Phone, BookingActor.Guest, turn.Language == "es" ? "cancelada por WhatsApp" : "cancelled on WhatsApp", ct: ct);
        if (result.Ok)
        {
            return [MessageContent.FromText(string.Format(CultureInfo.InvariantCulture, turn.T.CancelDone, result.Booking!.Reference))];
        }

        if (result.Error!.Code == BookingError.CancelDeadline && await ledger.FindAsync(reference, turn.Phone, ct) is { } b)
        {
            return [MessageContent.FromText(CancelRefusal(turn, b))];
        }

        return [MessageContent.FromText(result.Error.Code == BookingError.NotFound
            ? string.Format(CultureInfo.InvariantCulture, turn.T.NotFound, BookingReferences.Normalize(reference))
            : string.Format(CultureInfo.InvariantCulture, turn.T.SlotTaken, Translate(result.Error, turn.Language)))];
    }

    private string CancelRefusal(Turn turn, Model.Booking b) =>
        b.State is BookingState.Confirmed
            ? string.Format(CultureInfo.InvariantCulture, turn.T.CancelLate, b.Reference, options.Value.CancellationDeadline.TotalHours.ToString("0.#", CultureInfo.InvariantCulture))
            : string.Format(CultureInfo.InvariantCulture, turn.T.SlotTaken, $"{b.Reference}: {turn.T.State(b.State, "")}");

    private async Task<IReadOnlyList<MessageContent>> RecommendAsync(Turn turn, GuestQuestion question, CancellationToken ct)
    {
        var zone = options.Value.Zone();
        DateTimeOffset? from = null, to = null;
        if (question.Day is { } day)
        {
            var start = day.ToDateTime(TimeOnly.MinValue);
            from = new DateTimeOffset(start, zone.GetUtcOffset(start));
            to = from.Value.AddDays(1);
        }

        var party = question.PartySize ?? (await preferences.ProfileAsync(turn.Phone, ct)).UsualPartySize ?? 1;
        var ranked = await recommender.RecommendAsync(turn.Phone, new RecommendationQuery
        {
            From = from,
            To = to,
            PartySize = party,
            WithChildren = question.WithChildren,
            Wanted = question.Interests,
        }, ct);
        if (ranked.Count == 0)
        {
            return [.. Welcome(turn, turn.T.RecommendNone)];
        }

        var qualifier = new StringBuilder();
        if (question.Day is { } d)
        {
            qualifier.Append(string.Format(CultureInfo.InvariantCulture, turn.T.ForDay, d.ToString(turn.Language == "es" ? "dddd d 'de' MMMM" : "dddd d MMMM", BookingFormat.Culture(turn.Language))));
        }

        if (question.PartySize is { } p && p > 1)
        {
            qualifier.Append(string.Format(CultureInfo.InvariantCulture, turn.T.ForPeople, p));
        }

        if (question.WithChildren)
        {
            qualifier.Append(turn.T.WithKids);
        }

        var lines = ranked.Select((r, i) =>
        {
            var reasons = r.Reasons.Select(x => Reason(turn, x)).OfType<string>().Distinct().ToList();
            var next = string.Join(", ", r.Slots.Take(2).Select(s => $"{format.When(s.StartsAt, turn.Language)} ({string.Format(CultureInfo.InvariantCulture, turn.T.FreeSeats, s.Available)})"));
            return $"{i + 1}. *{r.Activity.NameIn(turn.Language)}*, {BookingFormat.Money(r.Activity.PriceCents, r.Activity.Currency, turn.Language)}: {next}{(reasons.Count > 0 ? $" ({string.Join("; ", reasons)})" : "")}";
        });
        var body = string.Format(CultureInfo.InvariantCulture, turn.T.Recommend, qualifier) + "\n" + string.Join("\n", lines);
        body = await PhraseAsync(turn, body, ranked, ct) ?? body;
        var rows = ranked.Select(r => new ListRow("act:" + r.Activity.Id.ToString(CultureInfo.InvariantCulture), BookingFormat.Fit(r.Activity.NameIn(turn.Language), 24))
        {
            Description = BookingFormat.Fit($"{format.When(r.Slots[0].StartsAt, turn.Language)} · {string.Format(CultureInfo.InvariantCulture, turn.T.FreeSeats, r.Slots[0].Available)}", 72),
        }).ToList();
        return [List(BookingFormat.Fit(body, 1024), turn.T.ActivitiesList, rows)];
    }

    /// <summary>
    /// With a model configured for the account, the ranked list is put into words by it (the list is its only source,
    /// and every recommended activity must stay named); offline or when it strays, the list as it is.
    /// </summary>
    private async Task<string?> PhraseAsync(Turn turn, string ranked, IReadOnlyList<Recommendation> recommendations, CancellationToken ct)
    {
        if (phrasings.FirstOrDefault() is not { } phrasing || turn.Request.Message.Content.Text is not { Length: > 0 } question)
        {
            return null;
        }

        var names = recommendations.Select(r => r.Activity.NameIn(turn.Language)).ToList();
        return await phrasing.PhraseAsync(turn.Request.Account, new ReplyPhrasingRequest(turn.Language, question, ranked, names) { Bot = BotName }, ct);
    }

    private static string? Reason(Turn turn, string reason) => reason.Split(':') switch
    {
        ["likes", var v] => string.Format(CultureInfo.InvariantCulture, turn.T.BecauseLikes, v),
        ["history", var v] => string.Format(CultureInfo.InvariantCulture, turn.T.BecauseHistory, v),
        ["family"] => turn.T.BecauseFamily,
        _ => null,
    };

    private static MessageContent List(string body, string button, IReadOnlyList<ListRow> rows) => new()
    {
        Type = MessageTypes.Interactive,
        Text = body,
        Interactive = new InteractiveContent
        {
            Kind = InteractiveContent.ListKind,
            ListButton = BookingFormat.Fit(button, 20),
            Sections = [new ListSection(null, rows)],
        },
    };

    private static string Category(string category, string language) => (language, category.ToLowerInvariant()) switch
    {
        ("es", "water") => "Acuáticas",
        ("es", "wellness") => "Bienestar",
        ("es", "adventure") => "Aventura",
        ("es", "culture") => "Cultura y tours",
        ("es", "food") => "Gastronomía",
        ("es", "family") => "Familia",
        (_, "water") => "Water",
        (_, "wellness") => "Wellness",
        (_, "adventure") => "Adventure",
        (_, "culture") => "Culture & tours",
        (_, "food") => "Food & drink",
        (_, "family") => "Family",
        _ => char.ToUpperInvariant(category[0]) + category[1..],
    };

    private static string Translate(BookingError error, string language) => language != "es" ? error.Message : error.Code switch
    {
        BookingError.SlotFull => "no quedan lugares suficientes en ese horario; elige menos personas u otro horario.",
        BookingError.SlotClosed => "ese horario está cerrado; elige otro.",
        BookingError.SlotPast => "ese horario ya empezó; elige uno más tarde.",
        BookingError.PartySize => "el número de personas no es válido para ese horario.",
        BookingError.ActivityInactive => "esa actividad no está disponible por ahora.",
        _ => error.Message,
    };

    /// <summary>One message being answered: who, in which language, and the session to store after it.</summary>
    private sealed class Turn(BotRequest request, string phone, string language, ResortTexts texts, ResortSession next)
    {
        public BotRequest Request { get; } = request;
        public string Phone { get; } = phone;
        public string Language { get; } = language;
        public ResortTexts T { get; } = texts;
        public ResortSession Next { get; set; } = next;
    }
}
