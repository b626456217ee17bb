using Gateway.Core.Flows;

namespace Gateway.Cli;

/// <summary><c>gateway flows graph FLOW</c>: the flow as a Mermaid state diagram.</summary>
public static class GraphCommand
{
    public static int Run(CliOptions options, string flow, TextWriter output, TextWriter error)
    {
        if (options.LoadOrReport(error) is not { } bundle)
        {
            return 1;
        }

        if (!bundle.Flows.ContainsKey(flow))
        {
            error.WriteLine($"gateway: there is no flow \"{flow}\"; the flows are: {string.Join(", ", bundle.Flows.Keys)}.");
            return 2;
        }

        output.WriteLine(FlowGraph.Mermaid(bundle, flow));
        return 0;
    }
}
