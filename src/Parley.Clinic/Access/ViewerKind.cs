namespace Parley.Clinic.Access;

/// <summary>Who is asking: a signed-in patient, a signed-in staff member, a back-office operator (admin UI, API, CLI), or nobody signed in.</summary>
public enum ViewerKind
{
    Anonymous,
    Patient,
    Staff,
    Operator,
}
