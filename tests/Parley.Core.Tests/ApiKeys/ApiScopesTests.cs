using Parley.Core.ApiKeys;

namespace Parley.Core.Tests.ApiKeys;

public sealed class ApiScopesTests
{
    [Fact]
    public void Parse_TakesCommasSpacesAndRepeats_AndReportsUnknown()
    {
        var scopes = ApiScopes.Parse(["read,messages:send", "ADMIN", "read", "everything"], out var unknown);

        scopes.ShouldBe(["read", "messages:send", "admin"]);
        unknown.ShouldBe(["everything"]);
    }

    [Theory]
    [InlineData("read", "read", true)]
    [InlineData("read", "messages:send", false)]
    [InlineData("messages:send", "read", false)]
    [InlineData("admin", "read", true)]
    [InlineData("admin", "messages:send", true)]
    [InlineData("read", "admin", false)]
    public void Allows_AdminIncludesEverything(string granted, string required, bool allowed) =>
        ApiScopes.Allows([granted], required).ShouldBe(allowed);
}
