namespace Gateway.Cli.Tests;

public class GraphCommandFacts
{
    [Fact]
    public void Graph_PrintsMermaidWithEveryStateAndTransition_ForTheReportFlow()
    {
        var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "graph", "report");
        Assert.Equal(0, code);
        Assert.StartsWith("stateDiagram-v2", output.TrimStart(), StringComparison.Ordinal);
        foreach (var state in new[] { "category", "under18", "place", "province", "for_whom", "may_text", "may_call", "send" })
        {
            Assert.Contains(state, output, StringComparison.Ordinal);
        }

        Assert.Contains("category --> recipients : 1", output, StringComparison.Ordinal);
        Assert.Contains("recipients_choice --> under18 : 1", output, StringComparison.Ordinal);
        Assert.Contains("place --> province_check : text → place", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_DrawsTheSkip_WhenTheCountryIsKnown()
    {
        var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "graph", "main");
        Assert.Equal(0, code);
        Assert.Contains("country_once --> menu : country known", output, StringComparison.Ordinal);
        Assert.Contains("country_once --> country : continue", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_ExitsTwo_ForAFlowThatDoesNotExist()
    {
        var (code, _, error) = CliRun.InProcess(string.Empty, "flows", "graph", "nope");
        Assert.Equal(2, code);
        Assert.Contains("there is no flow \"nope\"", error, StringComparison.Ordinal);
    }
}
