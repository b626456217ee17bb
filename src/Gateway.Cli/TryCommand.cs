using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway try</c>: a conversation with the flows in the terminal or a pipe. Each reply is printed
/// after "&lt; ", each event after "= ", so an editor sees what the host would be asked to do. A line said in
/// another language than the person's (no translation yet) ends in "(fallback: en)"; the phone never shows that.
/// </summary>
public static class TryCommand
{
    public static int Run(CliOptions options, TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        var channelName = options["--channel"] ?? "sms";
        if (!ChannelNames.TryParse(channelName, out var channel) || channel == Channel.Voice)
        {
            throw new CliException($"--channel must be sms, ussd or chat, not \"{channelName}\".");
        }

        if (options.LoadOrReport(error) is not { } bundle)
        {
            return 1;
        }

        var language = options["--lang"];
        if (language is not null && !bundle.Texts.Has(language))
        {
            throw new CliException($"there is no language \"{language}\"; the languages are: {string.Join(", ", bundle.Texts.Languages.Select(l => l.Code))}.");
        }

        if (!Gateway.Core.Text.IcuTransliterator.IsAvailable(out var icuProblem))
        {
            error.WriteLine($"warning: {icuProblem} Burmese typed in Zawgyi will not be understood and Zawgyi output is off.");
        }

        var engine = new FlowEngine(bundle, GatewayEngineOptions.Create());
        var session = new Session { Language = language, Country = options["--country"], LastActivity = DateTimeOffset.UtcNow };
        if (interactive)
        {
            output.WriteLine($"Talking to revision {bundle.Revision} over {channel.Name()}; type a message, or an empty line to stop.");
        }

        while (true)
        {
            if (interactive)
            {
                output.Write("> ");
            }

            var line = input.ReadLine();
            if (line is null || (interactive && line.Length == 0))
            {
                return 0;
            }

            if (!interactive)
            {
                output.WriteLine($"> {line}");
            }

            var turn = engine.Handle(session, line, channel, DateTimeOffset.UtcNow);
            session = turn.Session;
            foreach (var message in turn.Messages)
            {
                foreach (var text in message.Split('\n'))
                {
                    output.WriteLine($"< {BorrowedText.Annotate(text, turn.Borrowed)}");
                }

                if (turn.Messages.Count > 1)
                {
                    output.WriteLine("<");
                }
            }

            foreach (var flowEvent in turn.Events)
            {
                output.WriteLine($"= {flowEvent.Describe()}");
            }
        }
    }
}
