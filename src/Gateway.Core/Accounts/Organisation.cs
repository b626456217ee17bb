namespace Gateway.Core.Accounts;

/// <summary>
/// An NGO, agency or team that uses the gateway. Its accounts see its own reports only.
/// </summary>
public sealed record Organisation
{
    /// <summary>"org_" and ten base32 characters, e.g. <c>org_k3v9q2mxa7</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The name its staff know it by; unique in the gateway, whatever the case.</summary>
    public required string Name { get; init; }

    /// <summary>ISO 3166 alpha-2 codes of the countries it works in (e.g. TH, KH); may be empty.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Language codes its responders speak (e.g. th, my, en), as in localization/; may be empty.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>
    /// An operation centre: its accounts see every report, as if its id were in <c>Reports__OperatorOrganisations</c>.
    /// Set by <c>gateway accounts create-admin --operator</c> and on the embedded default's own organisation.
    /// </summary>
    public bool SeesAllReports { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
