using Gateway.Core.Contacts;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Sets the country the person is in, when the host could not tell it from the phone number. Hotlines, contacts
/// and country variants of texts (<c>work.wage@TH</c>) follow it from then on.
/// </summary>
/// <example>
/// <code>
/// do:
///   - set_country: KH      # TH, KH, LA, VN or MM
/// </code>
/// </example>
public sealed class SetCountryAction : IFlowAction
{
    public const string TypeName = "set_country";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["value", "country"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        var country = action.Args.GetValueOrDefault("country") ?? action.Args.GetValueOrDefault("value");
        if (country is null)
        {
            findings.Error("action.argument", action.Location, $"set_country needs a country code, e.g. \"- set_country: TH\" ({string.Join(", ", CountryCodes.Known)}).");
        }
        else if (!CountryCodes.IsKnown(country.Text))
        {
            findings.Error("action.argument", country.Location, $"\"{country.Text}\" is not a country the gateway serves; use one of {string.Join(", ", CountryCodes.Known)}.");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var country = action.Arg("country") ?? action.Arg("value");
        if (!CountryCodes.IsKnown(country))
        {
            return;
        }

        context.Session.Country = country;
        context.Events.Add(new CountryChosen(country!));
    }
}
