namespace Parley.Clinic.Access;

/// <summary>What a read is about, as recorded in the access audit.</summary>
public enum ClinicData
{
    Appointments,
    Records,
    Medications,
    Procedures,

    /// <summary>Name and phone number.</summary>
    Contact,

    /// <summary>Date of birth and record number unmasked (with the contact details).</summary>
    FullDetails,

    /// <summary>Masked search results.</summary>
    Search,

    /// <summary>Booking an appointment for a patient.</summary>
    Schedule,

    /// <summary>A staff-only command tried by someone who is not staff.</summary>
    StaffCommand,

    /// <summary>A command that needs a sign-in, tried without one (or after it expired).</summary>
    SignedInCommand,
}
