namespace Gateway.Core.Flows;

/// <summary>
/// A flow: named states a person moves through, read from one file in flows/.
/// </summary>
/// <example>
/// <code>
/// flow: main
/// start: language
/// idle_expiry: 30m
/// states:
///   language:
///     say: [language.choose]
///     options:
///       - key: 1
///         text: language.en
///         do: [{ set_language: en }]
///         go: menu
/// </code>
/// </example>
public sealed class FlowDefinition
{
    public required string Id { get; init; }

    public required string Start { get; init; }

    /// <summary>A session idle for longer than this is forgotten quietly; the next message starts afresh.</summary>
    public required TimeSpan IdleExpiry { get; init; }

    public required IReadOnlyDictionary<string, StateDefinition> States { get; init; }

    public required SourceLocation Location { get; init; }

    public SourceLocation StartLocation { get; init; }

    public StateDefinition? Find(string state) => States.GetValueOrDefault(state);
}
