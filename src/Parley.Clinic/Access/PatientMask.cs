namespace Parley.Clinic.Access;

/// <summary>How patient identifiers are shown to someone who may not see them in full.</summary>
public static class PatientMask
{
    /// <summary>The last 4 digits only: <c>•••• 0001</c>.</summary>
    public static string Phone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length <= 4 ? "••••" : "•••• " + digits[^4..];
    }

    /// <summary>The year only: <c>1980-••-••</c>.</summary>
    public static string DateOfBirth(string dateOfBirth) =>
        dateOfBirth.Length >= 4 ? dateOfBirth[..4] + "-••-••" : "••••-••-••";

    /// <summary>The last 2 characters only: <c>••••01</c>.</summary>
    public static string RecordNumber(string recordNumber) =>
        recordNumber.Length <= 2 ? "••" : new string('•', Math.Min(recordNumber.Length - 2, 6)) + recordNumber[^2..];
}
