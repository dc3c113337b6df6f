namespace Parley.Booking.Chat;

/// <summary>What the resort bot says, in English and Spanish (<see cref="For"/>).</summary>
public sealed record ResortTexts
{
    public static ResortTexts English { get; } = new()
    {
        Language = "en",
        Welcome = "Welcome to Parley Bay Resort! 🌴 I can show you our activities, suggest some for you, and book them. You confirm each booking on the web within {0} minutes.\n\nAsk me anything, like \"what can I do tomorrow with two kids?\" or \"I like diving\".",
        ActivitiesButton = "Activities",
        ForMeButton = "Ideas for me",
        MineButton = "My bookings",
        ChooseCategory = "What are you in the mood for? Choose a category.",
        CategoriesList = "Categories",
        ChooseActivity = "{0}: choose an activity to see its times.",
        ActivitiesList = "Activities",
        FreeSeats = "{0} free",
        PerPerson = "per person",
        MinAge = "age {0}+",
        NextTimes = "Next times",
        NoSlots = "No free times in the next two weeks, sorry. Try another activity.",
        ChooseSlot = "Choose a time for {0}:",
        SlotsList = "Times",
        HowMany = "How many people for {0}, {1}? Tap a button or type a number (up to {2}).",
        Person = "person",
        People = "people",
        Held = "✅ I'm holding {0} {1} for *{2}*, {3} ({4}). Reference *{5}*.\n\nConfirm before *{6}* here: {7}\nAfter that the seats are released.",
        BookingsEmpty = "You have no bookings yet. Want to see our activities?",
        BookingsIntro = "Your bookings:",
        BookingsList = "Bookings",
        Pending = "waiting for confirmation until {0}",
        Confirmed = "confirmed",
        Cancelled = "cancelled",
        Expired = "expired",
        Completed = "done",
        CancelButton = "Cancel booking",
        KeepButton = "Keep it",
        CancelYes = "Yes, cancel",
        CancelAsk = "Cancel {0} ({1}, {2})?",
        CancelDone = "Booking {0} is cancelled. The seats are free again.",
        CancelLate = "Booking {0} can no longer be cancelled here: cancellations close {1} hours before the activity. Please call the front desk.",
        ConfirmHere = "Confirm it here: {0}",
        CancelUntil = "You can cancel until {0}.",
        NotFound = "I can't find a booking {0} of yours.",
        Recommend = "Here is what I'd suggest{0}:",
        RecommendNone = "I found nothing with free seats for that. Try another day or fewer people, or see all activities.",
        BecauseLikes = "you like {0}",
        BecauseHistory = "you enjoyed {0} before",
        BecauseFamily = "good with kids",
        BecauseAsked = "what you asked for",
        NotedLike = "Noted: you like {0}. I'll keep it in mind. 👍",
        NotUnderstood = "Sorry, I did not get that. You can browse activities, ask for ideas, or see your bookings.",
        SlotTaken = "Sorry: {0}",

        ForDay = " on {0}",
        ForPeople = " for {0} people",
        WithKids = " with kids",
        ExpiredNotice = "⌛ Your hold {0} for {1}, {2} has expired because it was not confirmed in time, and the seats were released. Reply \"activities\" to book again.",
        ConfirmedNotice = "🎉 Booking {0} is confirmed: {1}, {2}, {3} {4}. Meeting point: {5}. See you there!",
        CancelledNotice = "Booking {0} ({1}, {2}) was cancelled by the resort: {3}. We're sorry for the change.",
        ReminderNotice = "⏰ Reminder: {1} tomorrow, {2}. Booking {0}. Meeting point: {3}.",
    };

    public static ResortTexts Spanish { get; } = new()
    {
        Language = "es",
        Welcome = "¡Bienvenido a Parley Bay Resort! 🌴 Te muestro nuestras actividades, te sugiero algunas y las reservo. Cada reserva se confirma en la web en {0} minutos.\n\nPregúntame lo que quieras, por ejemplo \"¿qué puedo hacer mañana con dos niños?\" o \"me gusta el buceo\".",
        ActivitiesButton = "Actividades",
        ForMeButton = "Ideas para mí",
        MineButton = "Mis reservas",
        ChooseCategory = "¿Qué se te antoja? Elige una categoría.",
        CategoriesList = "Categorías",
        ChooseActivity = "{0}: elige una actividad para ver sus horarios.",
        ActivitiesList = "Actividades",
        FreeSeats = "{0} libres",
        PerPerson = "por persona",
        MinAge = "desde {0} años",
        NextTimes = "Próximos horarios",
        NoSlots = "No hay horarios libres en las próximas dos semanas, lo siento. Prueba otra actividad.",
        ChooseSlot = "Elige un horario para {0}:",
        SlotsList = "Horarios",
        HowMany = "¿Cuántas personas para {0}, {1}? Toca un botón o escribe un número (hasta {2}).",
        Person = "lugar",
        People = "lugares",
        Held = "✅ Te aparto {0} {1} para *{2}*, {3} ({4}). Referencia *{5}*.\n\nConfirma antes de las *{6}* aquí: {7}\nDespués se liberan los lugares.",
        BookingsEmpty = "Aún no tienes reservas. ¿Quieres ver nuestras actividades?",
        BookingsIntro = "Tus reservas:",
        BookingsList = "Reservas",
        Pending = "por confirmar hasta las {0}",
        Confirmed = "confirmada",
        Cancelled = "cancelada",
        Expired = "vencida",
        Completed = "realizada",
        CancelButton = "Cancelar reserva",
        KeepButton = "Mantenerla",
        CancelYes = "Sí, cancelar",
        CancelAsk = "¿Cancelar {0} ({1}, {2})?",
        CancelDone = "La reserva {0} quedó cancelada. Los lugares están libres otra vez.",
        CancelLate = "La reserva {0} ya no se puede cancelar aquí: las cancelaciones cierran {1} horas antes de la actividad. Llama a recepción, por favor.",
        ConfirmHere = "Confírmala aquí: {0}",
        CancelUntil = "Puedes cancelar hasta el {0}.",
        NotFound = "No encuentro una reserva {0} tuya.",
        Recommend = "Esto es lo que te sugiero{0}:",
        RecommendNone = "No encontré nada con lugares libres para eso. Prueba otro día o menos personas, o mira todas las actividades.",
        BecauseLikes = "te gusta {0}",
        BecauseHistory = "ya disfrutaste {0}",
        BecauseFamily = "ideal con niños",
        BecauseAsked = "lo que pediste",
        NotedLike = "Anotado: te gusta {0}. Lo tendré en cuenta. 👍",
        NotUnderstood = "Perdón, no entendí. Puedes ver las actividades, pedir ideas o ver tus reservas.",
        SlotTaken = "Lo siento: {0}",

        ForDay = " el {0}",
        ForPeople = " para {0} personas",
        WithKids = " con niños",
        ExpiredNotice = "⌛ Tu reserva {0} para {1}, {2} venció porque no se confirmó a tiempo, y los lugares se liberaron. Escribe \"actividades\" para reservar de nuevo.",
        ConfirmedNotice = "🎉 La reserva {0} está confirmada: {1}, {2}, {3} {4}. Punto de encuentro: {5}. ¡Te esperamos!",
        CancelledNotice = "La reserva {0} ({1}, {2}) fue cancelada por el resort: {3}. Lamentamos el cambio.",
        ReminderNotice = "⏰ Recordatorio: {1} mañana, {2}. Reserva {0}. Punto de encuentro: {3}.",
    };

    public static ResortTexts For(string? language) => language == "es" ? Spanish : English;

    public required string Language { get; init; }
    public required string Welcome { get; init; }
    public required string ActivitiesButton { get; init; }
    public required string ForMeButton { get; init; }
    public required string MineButton { get; init; }
    public required string ChooseCategory { get; init; }
    public required string CategoriesList { get; init; }
    public required string ChooseActivity { get; init; }
    public required string ActivitiesList { get; init; }
    public required string FreeSeats { get; init; }
    public required string PerPerson { get; init; }
    public required string MinAge { get; init; }
    public required string NextTimes { get; init; }
    public required string NoSlots { get; init; }
    public required string ChooseSlot { get; init; }
    public required string SlotsList { get; init; }
    public required string HowMany { get; init; }
    public required string Person { get; init; }
    public required string People { get; init; }
    public required string Held { get; init; }
    public required string BookingsEmpty { get; init; }
    public required string BookingsIntro { get; init; }
    public required string BookingsList { get; init; }
    public required string Pending { get; init; }
    public required string Confirmed { get; init; }
    public required string Cancelled { get; init; }
    public required string Expired { get; init; }
    public required string Completed { get; init; }
    public required string CancelButton { get; init; }
    public required string KeepButton { get; init; }
    public required string CancelYes { get; init; }
    public required string CancelAsk { get; init; }
    public required string CancelDone { get; init; }
    public required string CancelLate { get; init; }
    public required string ConfirmHere { get; init; }
    public required string CancelUntil { get; init; }
    public required string NotFound { get; init; }
    public required string Recommend { get; init; }
    public required string RecommendNone { get; init; }
    public required string BecauseLikes { get; init; }
    public required string BecauseHistory { get; init; }
    public required string BecauseFamily { get; init; }
    public required string BecauseAsked { get; init; }
    public required string NotedLike { get; init; }
    public required string NotUnderstood { get; init; }
    public required string SlotTaken { get; init; }
    public required string ForDay { get; init; }
    public required string ForPeople { get; init; }
    public required string WithKids { get; init; }
    public required string ExpiredNotice { get; init; }
    public required string ConfirmedNotice { get; init; }
    public required string CancelledNotice { get; init; }
    public required string ReminderNotice { get; init; }

    public string State(string state, string deadline) => state switch
    {
        Model.BookingState.Pending => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pending, deadline),
        Model.BookingState.Confirmed => Confirmed,
        Model.BookingState.Cancelled => Cancelled,
        Model.BookingState.Expired => Expired,
        _ => Completed,
    };

    public string Seats(int n) => n == 1 ? Person : People;
}
