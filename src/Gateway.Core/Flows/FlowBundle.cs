using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Localization;

namespace Gateway.Core.Flows;

/// <summary>
/// Everything the engine serves from one revision of flows/ and localization/: flows, keywords,
/// the contact directory, the escalation policies and the texts. Immutable; a new edit makes a new bundle.
/// </summary>
public sealed class FlowBundle
{
    private readonly Dictionary<string, StateDefinition> _states = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _discreetWords;

    public FlowBundle(
        IReadOnlyDictionary<string, FlowDefinition> flows,
        RoutingDefinition routing,
        IReadOnlyList<KeywordDefinition> keywords,
        ContactDirectory directory,
        TextCatalog texts,
        string revision,
        EscalationPolicies? escalation = null)
    {
        Flows = flows;
        Routing = routing;
        Directory = directory;
        Texts = texts;
        Revision = revision;
        Escalation = escalation ?? EscalationPolicies.None;
        foreach (var flow in flows.Values)
        {
            foreach (var state in flow.States.Values)
            {
                _states[state.QualifiedName] = state;
            }
        }

        Keywords = new KeywordSet(keywords, _states.Values.SelectMany(s => s.Keywords));
    }

    public IReadOnlyDictionary<string, FlowDefinition> Flows { get; }

    public RoutingDefinition Routing { get; }

    public KeywordSet Keywords { get; }

    public ContactDirectory Directory { get; }

    public TextCatalog Texts { get; }

    /// <summary>Who is paged about a report, from flows/escalation.yaml; none when the file is missing.</summary>
    public EscalationPolicies Escalation { get; }

    /// <summary>The content hash of the files this bundle was read from; sessions record it.</summary>
    public string Revision { get; }

    public IReadOnlyCollection<StateDefinition> States => _states.Values;

    /// <summary>
    /// What a message to a person who asked for discreet replies never says, whatever their language: every
    /// language's <c>discreet_words</c> and the name of every hotline and partner in the directory. The outbound gate
    /// holds every message to such a person against it, whoever wrote the message.
    /// </summary>
    public IReadOnlyList<string> DiscreetWords => _discreetWords ??=
        [.. Texts.Languages.SelectMany(l => l.DiscreetWords).Concat(Directory.Entries.Select(e => e.Name)).Distinct(StringComparer.OrdinalIgnoreCase)];

    public StateDefinition? FindState(string qualifiedName) => _states.GetValueOrDefault(qualifiedName);

    public StateDefinition? FindState(StateTarget target, string currentFlow) =>
        _states.GetValueOrDefault(target.Qualify(currentFlow));

    /// <summary>The flow a "flow:state" name belongs to.</summary>
    public FlowDefinition? FlowOf(string qualifiedName)
    {
        var colon = qualifiedName.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : Flows.GetValueOrDefault(qualifiedName[..colon]);
    }
}
