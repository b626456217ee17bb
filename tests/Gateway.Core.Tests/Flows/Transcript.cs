using System.Globalization;
using System.Text;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// A conversation written as a text file an NGO editor can read:
/// <code>
/// # A labour report in English
/// @channel sms
/// @country TH
/// > hello
/// &lt; Safe Migration. Choose your language:
/// &lt; 1. English
/// > 1
/// = LanguageChosen language=en
/// @wait 31m
/// </code>
/// "&gt;" is what the person sends, "&lt;" what the gateway answers (one line per line of text,
/// "&lt; ---" between two messages of one turn), "=" an event for the host, "@" a setting or a pause;
/// "@dial" is a new USSD session on a phone whose last one was cut (the engine's Resume).
/// "@host checkin.reminder minutes=5" is a text the gateway sends by itself, outside a turn (a check-in reminder, a
/// buddy's alert), said as the host says it: in the person's language and for their country, with the values given
/// (the last one may hold spaces: <c>last_message=at the far end</c>); <c>lang=th</c> says it in another language, as
/// to a buddy who chose Thai.
/// "@reachable th-ngo-burmese/sms th_1300" says which escalation targets a page could reach from then on, as if their
/// page_number were confirmed or their webhook configured (and no other); without it every webhook counts as configured
/// and every placeholder as unreachable, as the validator assumes.
/// A line the person's language has no text for yet ends in "(fallback: en)" (or the language it was borrowed
/// from); the marker is for the editor reading the transcript, the phone shows the line without it.
/// Running a transcript replays its inputs and writes the same file from what really happened.
/// </summary>
public sealed class Transcript
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private Transcript(IReadOnlyList<string> lines) => Lines = lines;

    public IReadOnlyList<string> Lines { get; }

    public static Transcript Parse(string text) =>
        new(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'));

    /// <summary>Replays the transcript on an engine for <paramref name="bundle"/> whose reach "@reachable" lines set.</summary>
    public (string Text, IReadOnlySet<string> Exercised) Run(FlowBundle bundle)
    {
        HashSet<string>? reachable = null;
        var engine = new FlowEngine(bundle, new EngineOptions { CanReach = t => reachable?.Contains(t.Id) ?? t.IsReachable });
        return Run(engine, ids => reachable = ids);
    }

    /// <summary>Replays the inputs and settings; returns the transcript as it really went, and what it exercised.</summary>
    public (string Text, IReadOnlySet<string> Exercised) Run(FlowEngine engine) => Run(engine, reach: null);

    private (string Text, IReadOnlySet<string> Exercised) Run(FlowEngine engine, Action<HashSet<string>>? reach)
    {
        var output = new StringBuilder();
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        var channel = Channel.Sms;
        var now = Start;
        Session? session = null;
        foreach (var line in Lines)
        {
            if (line.StartsWith('<') || line.StartsWith('='))
            {
                continue;
            }

            output.Append(line).Append('\n');
            if (line.StartsWith("@channel ", StringComparison.Ordinal))
            {
                channel = ChannelNames.TryParse(line[9..].Trim(), out var parsed) ? parsed : throw new FormatException($"Unknown channel in \"{line}\".");
            }
            else if (line.StartsWith("@country ", StringComparison.Ordinal))
            {
                session ??= new Session { LastActivity = now };
                session.Country = line[9..].Trim();
            }
            else if (line.StartsWith("@lang ", StringComparison.Ordinal))
            {
                session ??= new Session { LastActivity = now };
                session.Language = line[6..].Trim();
            }
            else if (line.StartsWith("@host ", StringComparison.Ordinal))
            {
                var (key, host) = HostSession(line[6..], session);
                var borrowed = new List<BorrowedText>();
                var text = SpokenText.Say(engine.Bundle, key, host, channel, borrowed);
                foreach (var piece in text.Split('\n'))
                {
                    output.Append("< ").Append(BorrowedText.Annotate(piece, borrowed)).Append('\n');
                }
            }
            else if (line.StartsWith("@reachable ", StringComparison.Ordinal))
            {
                (reach ?? throw new FormatException("@reachable needs the transcript to be run on a bundle."))(
                    [.. line[11..].Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
            }
            else if (line.StartsWith("@wait ", StringComparison.Ordinal))
            {
                now += FlowDuration(line[6..].Trim());
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">" || line == "@dial")
            {
                now += TimeSpan.FromSeconds(10);
                var turn = line == "@dial"
                    ? engine.Resume(session, channel, now)
                    : engine.Handle(session, line.Length > 2 ? line[2..] : string.Empty, channel, now);
                session = turn.Session;
                exercised.UnionWith(turn.Trace);
                for (var i = 0; i < turn.Messages.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append("< ---\n");
                    }

                    foreach (var text in turn.Messages[i].Split('\n'))
                    {
                        output.Append("< ").Append(BorrowedText.Annotate(text, turn.Borrowed)).Append('\n');
                    }
                }

                foreach (var flowEvent in turn.Events)
                {
                    output.Append("= ").Append(flowEvent.Describe()).Append('\n');
                }
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                throw new FormatException($"A transcript line starts with >, <, =, @ or #: \"{line}\".");
            }
        }

        return (output.ToString().TrimEnd('\n'), exercised);
    }

    /// <summary>"checkin.alert phone_end=0501 last_message=at the far end": the key, and a session with those values.</summary>
    private static (string Key, Session Session) HostSession(string text, Session? person)
    {
        var words = text.Trim().Split(' ');
        var session = new Session { Language = person?.Language, Country = person?.Country };
        string? name = null;
        foreach (var word in words.Skip(1))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = word[..equals];
                session.Variables[name] = word[(equals + 1)..];
            }
            else if (name is not null)
            {
                session.Variables[name] += " " + word;
            }
            else
            {
                throw new FormatException($"@host takes a text key, then name=value pairs: \"{text}\".");
            }
        }

        if (session.Variables.Remove("lang", out var language))
        {
            session.Language = language;
        }

        return (words[0], session);
    }

    private static TimeSpan FlowDuration(string text) =>
        text[^1] switch
        {
            's' => TimeSpan.FromSeconds(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
            'm' => TimeSpan.FromMinutes(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
            'h' => TimeSpan.FromHours(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"@wait takes a number and s, m or h, not \"{text}\"."),
        };
}
