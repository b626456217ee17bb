namespace Gateway.Cli;

/// <summary>
/// The <c>gateway</c> command. Every command writes to the writers it is given, so tests run it in-process.
/// </summary>
public static class CliApp
{
    public const string Usage = """
        gateway: tools for the people who edit the gateway's flows and texts

          flows validate [--flows DIR] [--localization DIR]
              check every flow, keyword, contact and text; exit 0 when there is no error
          flows graph FLOW [--flows DIR] [--localization DIR]
              print the flow as a Mermaid diagram (paste it into any Mermaid viewer)
          try --lang LANG [--channel sms|ussd|chat] [--country CC] [--flows DIR] [--localization DIR]
              talk to the flows: type a message, read the reply and the events it caused
          audio synth --lang LANG [--voice ESPEAK-VOICE] [--flows DIR] [--localization DIR]
              placeholder recordings made with espeak-ng for the texts calls say in LANG that nobody has recorded;
              marks them audio_status: synthetic in localization/LANG.yaml (docs/operations.md, Voice)
          accounts create-admin --organisation NAME --name DISPLAY-NAME [--countries TH,KH] [--operator] [--redis CONNECTION]
              make an admin account (and the organisation, if new) in the gateway's Redis; prints its API key and
              console password once. --operator makes the new organisation an operation centre that sees every report.
              CONNECTION defaults to the ConnectionStrings__Redis variable, as for the gateway itself

        DIR defaults to flows/ and localization/ in the current folder or the nearest folder above it.
        """;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive = false, Func<string, string?>? environment = null)
    {
        try
        {
            var options = CliOptions.Parse(args);
            return options.Command switch
            {
                ["flows", "validate"] => ValidateCommand.Run(options, output),
                ["flows", "graph", var flow] => GraphCommand.Run(options, flow, output, error),
                ["try"] => TryCommand.Run(options, input, output, error, interactive),
                ["audio", "synth"] => AudioCommand.Synth(options, output, error),
                ["accounts", "create-admin"] => AccountsCommand.CreateAdmin(options, output, error, environment ?? Environment.GetEnvironmentVariable),
                ["help"] or ["--help"] or ["-h"] or [] => Help(output),
                _ => Fail(error, $"unknown command \"{string.Join(' ', options.Command)}\"."),
            };
        }
        catch (CliException e)
        {
            return Fail(error, e.Message);
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"gateway: {message}");
        error.WriteLine();
        error.WriteLine(Usage);
        return 2;
    }
}

/// <summary>A mistake in how the command was called; the message says how to call it.</summary>
public sealed class CliException(string message) : Exception(message);
