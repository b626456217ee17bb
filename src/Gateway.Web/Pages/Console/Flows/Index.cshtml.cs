using Gateway.Core.Content;
using Gateway.Core.Flows;
using Gateway.Web.Studio;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console.Flows;

/// <summary>
/// <c>/console/flows</c>: every flow as the engine draws it (the Mermaid text of <c>gateway flows graph</c>) and, beside
/// it, each state with where its answers lead and the texts it says, linked to the translations page.
/// </summary>
public sealed class IndexModel(ContentEditor editor) : PageModel
{
    public IReadOnlyList<FlowDiagram> Diagrams { get; private set; } = [];

    public FlowBundle Bundle { get; private set; } = null!;

    public void OnGet()
    {
        Bundle = editor.Bundle;
        Diagrams = FlowDiagram.All(Bundle);
    }

    /// <summary>The anchor of a state on this page: <c>state-main-menu</c>.</summary>
    public static string Anchor(string qualifiedName) => "state-" + qualifiedName.Replace(':', '-');

    /// <summary>Where a state's answers lead, in words: "1 → before_you_go", "text → place", "continue → menu".</summary>
    public IEnumerable<string> Moves(DiagramState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var definition = Bundle.FindState(state.QualifiedName);
        if (definition is null)
        {
            yield break;
        }

        foreach (var option in definition.Options)
        {
            yield return $"{option.Key} ({option.Text.Key}) → {option.Go}";
        }

        if (definition.Input is not null)
        {
            yield return $"text → {definition.Input.SaveAs}, then {definition.Input.Go}";
        }

        foreach (var known in definition.IfKnown)
        {
            yield return $"{known.Fact} known → {known.Go}";
        }

        if (definition.Go is not null && !definition.WaitsForAnswer)
        {
            yield return $"continue → {definition.Go}";
        }

        if (definition.EndsFlow)
        {
            yield return "ends the conversation";
        }
    }
}
