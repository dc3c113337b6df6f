namespace Parley.Admin.Pages.Dashboard;

/// <summary>An account's provider as the dashboard judges it: <c>ok</c>, <c>warn</c>, <c>bad</c> or <c>idle</c>, a short summary and a detail.</summary>
public sealed record ProviderState(string Level, string Summary, string? Detail);
