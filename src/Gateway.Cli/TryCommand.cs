using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway try</c>: a conversation with the flows in the terminal or a pipe. Each reply is printed
/// after "&lt; ", each event after "= ", so an editor sees what the host would be asked to do. A line said in
/// another language than the person's (no translation yet) ends in "(fallback: en)"; the phone never shows that.
/// Nothing is stored: where the host would open a report and put its reference in the reply, <c>try</c> puts
/// <see cref="SampleReference"/>.
/// </summary>
public static class TryCommand
{
    /// <summary>The reference a report gets in <c>try</c> (a repeated SOS joins the open report, so one serves the whole conversation).</summary>
    public static readonly string SampleReference = Gateway.Core.Cases.ReportReference.WithCheck("SAMPLE");

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
            var opensReport = turn.Events.OfType<ReportRequested>().Any();
            foreach (var message in turn.Messages)
            {
                foreach (var text in message.Split('\n'))
                {
                    // The reference is filled as the host fills it once the report is stored (MessageProcessor).
                    var said = BorrowedText.Annotate(text, turn.Borrowed);
                    output.WriteLine("< " + (opensReport ? said.Replace("{ref}", SampleReference, StringComparison.Ordinal) : said));
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
