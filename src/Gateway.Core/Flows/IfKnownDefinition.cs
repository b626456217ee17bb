using Gateway.Core.Sessions;

namespace Gateway.Core.Flows;

/// <summary>
/// A state's <c>if_known:</c> line: when the person arrives and the session already knows the fact, the state is
/// skipped (no actions, no texts) and the conversation moves straight on. This is how a question is asked only
/// once, e.g. the country, which the host sets from the phone number's prefix when it can.
/// </summary>
/// <example>
/// <code>
/// country_once:
///   if_known: { country: menu }   # the country came with the phone number: straight to the menu
///   go: country                   # otherwise ask it
/// </code>
/// </example>
public sealed record IfKnownDefinition(string Fact, StateTarget Go, SourceLocation Location)
{
    /// <summary>The person's country (ISO 3166 alpha-2), from the number's prefix or <c>set_country</c>.</summary>
    public const string Country = "country";

    /// <summary>The language the person chose (or wrote a keyword in).</summary>
    public const string Language = "language";

    /// <summary>The facts every session has; any other name is a variable a flow sets.</summary>
    public static readonly IReadOnlyList<string> SessionFacts = [Country, Language];

    public bool IsKnown(Session session) => Fact switch
    {
        Country => !string.IsNullOrEmpty(session.Country),
        Language => !string.IsNullOrEmpty(session.Language),
        _ => session.Variables.TryGetValue(Fact, out var value) && value.Length > 0,
    };

    /// <summary>Where <paramref name="state"/> sends a person whose session knows one of its facts, the first listed winning.</summary>
    public static StateTarget? Skip(StateDefinition state, Session session)
    {
        foreach (var ifKnown in state.IfKnown)
        {
            if (ifKnown.IsKnown(session))
            {
                return ifKnown.Go;
            }
        }

        return null;
    }
}
