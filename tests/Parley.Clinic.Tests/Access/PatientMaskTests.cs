using Parley.Clinic.Access;

namespace Parley.Clinic.Tests.Access;

public sealed class PatientMaskTests
{
    [Fact]
    public void Phone_KeepsTheLastFourDigits() => PatientMask.Phone("+15550100001").ShouldBe("•••• 0001");

    [Fact]
    public void DateOfBirth_KeepsTheYear() => PatientMask.DateOfBirth("1980-04-12").ShouldBe("1980-••-••");

    [Fact]
    public void RecordNumber_KeepsTheLastTwoCharacters() => PatientMask.RecordNumber("DEMO-0001").ShouldBe("••••••01");
}
