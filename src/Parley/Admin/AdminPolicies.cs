namespace Parley.Admin;

/// <summary>Authorization policies of the admin UI: any operator, or administrators only.</summary>
public static class AdminPolicies
{
    public const string Agent = "parley-admin-agent";
    public const string Admin = "parley-admin-admin";
}
