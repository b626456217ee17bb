using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Sets the language the person is answered in; with <c>zawgyi: true</c> Burmese replies go out in the
/// Zawgyi encoding for phones that still use it.
/// </summary>
/// <example>
/// <code>
/// do:
///   - set_language: my
///   - set_language: { language: my, zawgyi: true }
/// </code>
/// </example>
public sealed class SetLanguageAction : IFlowAction
{
    public const string TypeName = "set_language";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["value", "language", "zawgyi"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        var language = action.Args.GetValueOrDefault("language") ?? action.Args.GetValueOrDefault("value");
        if (language is null)
        {
            findings.Error("action.argument", action.Location, "set_language needs a language code, e.g. \"- set_language: my\".");
        }
        else if (!bundle.Texts.Has(language.Text))
        {
            findings.Error("action.argument", language.Location, $"there is no language file localization/{language.Text}.yaml for set_language: {language.Text}.");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var language = action.Arg("language") ?? action.Arg("value");
        if (language is null)
        {
            return;
        }

        context.Session.Language = language;
        context.Session.ZawgyiOutput = ActionContext.IsTrue(action.Arg("zawgyi"));
        context.Events.Add(new LanguageChosen(language, context.Session.ZawgyiOutput));
    }
}
