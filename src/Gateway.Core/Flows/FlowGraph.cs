using Stateless;
using Stateless.Graph;

namespace Gateway.Core.Flows;

/// <summary>
/// Draws a flow from its Stateless configuration: every state with all of its transitions
/// (option numbers, free-text answers, automatic moves, skips when a fact is known), as a Mermaid diagram.
/// </summary>
public static class FlowGraph
{
    /// <summary>A Stateless machine configured with the whole flow, for drawing and inspection.</summary>
    public static StateMachine<string, string> Build(FlowBundle bundle, FlowDefinition flow)
    {
        var current = flow.Start;
        var machine = new StateMachine<string, string>(() => current, s => current = s);
        foreach (var state in flow.States.Values)
        {
            var configuration = machine.Configure(state.Name);
            foreach (var option in state.Options)
            {
                Permit(configuration, state, $"{option.Key}", Name(option.Go, flow));
            }

            if (state.Input is not null)
            {
                Permit(configuration, state, $"text → {state.Input.SaveAs}", Name(state.Input.Go, flow));
            }

            if (state.Go is not null && !state.WaitsForAnswer)
            {
                Permit(configuration, state, TriggerNames.Continue, Name(state.Go, flow));
            }

            foreach (var ifKnown in state.IfKnown)
            {
                Permit(configuration, state, $"{ifKnown.Fact} known", Name(ifKnown.Go, flow));
            }

            foreach (var keyword in state.Keywords.Where(k => k.Go is not null))
            {
                Permit(configuration, state, keyword.Id, Name(keyword.Go!, flow));
            }
        }

        return machine;
    }

    public static string Mermaid(FlowBundle bundle, string flowId)
    {
        if (!bundle.Flows.TryGetValue(flowId, out var flow))
        {
            throw new ArgumentException($"There is no flow \"{flowId}\"; the flows are: {string.Join(", ", bundle.Flows.Keys)}.", nameof(flowId));
        }

        return MermaidGraph.Format(Build(bundle, flow).GetInfo());
    }

    // States of other flows keep their "flow:state" name so the diagram shows where the person leaves.
    private static string Name(StateTarget target, FlowDefinition flow) =>
        target.Flow is null || target.Flow == flow.Id ? target.State : target.ToString();

    private static void Permit(StateMachine<string, string>.StateConfiguration configuration, StateDefinition state, string trigger, string target)
    {
        if (target == state.Name)
        {
            configuration.PermitReentry(trigger);
        }
        else
        {
            configuration.Permit(trigger, target);
        }
    }
}
