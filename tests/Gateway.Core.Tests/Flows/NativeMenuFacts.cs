using System.Globalization;
using System.Text;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// Walks every menu of every flow, as a person in each served country reading Thai, Burmese, Khmer, Lao or
/// Vietnamese would meet it on SMS and on USSD, and fails on a word in Latin letters the person may not read.
/// </summary>
/// <remarks>
/// What may stay in Latin letters, and nothing else (docs/content.md, "Latin letters in a native menu"):
/// <list type="bullet">
/// <item>numbers and codes: any word with a digit (1300, 18, a report reference such as A7K2Q9);</item>
/// <item>a keyword of flows/keywords.yaml (SOS, SAFE, GO …) inside a message that also has words of the person's own
/// language, so that the message explains it ("ส่ง SOS"); and the keyword's own menu line on USSD ("99. SOS"), which
/// the main menu explains;</item>
/// <item>NGO right after (Burmese: right before) the language's own word for an organisation, which says what it is
/// (องค์กร NGO, ອົງການ NGO, tổ chức NGO, អង្គការ NGO, NGO အဖွဲ့);</item>
/// <item>{ref}, which the host fills with the report's reference, a code;</item>
/// <item>the language menu, which names every language in its own script and asks in English too, so that
/// someone who cannot read the current language can still find theirs: it is not walked.</item>
/// </list>
/// Vietnamese is written in Latin letters, so there a word counts as foreign when it is an English word of the
/// gateway's own English texts or directory names; the few Vietnamese words spelt like one are listed in
/// <see cref="VietnameseHomographs"/>.
/// </remarks>
public class NativeMenuFacts
{
    public static readonly string[] Languages = ["th", "my", "km", "lo", "vi"];

    /// <summary>Vietnamese words written exactly like an English word of the gateway's texts.</summary>
    /// "Việt Nam", "lao động" (labour), "an toàn" (safe), "so với" (compared with), "thu" (take away), "Myanmar" and "Phayao"
    /// (their Vietnamese names too).
    private static readonly HashSet<string> VietnameseHomographs = new(StringComparer.OrdinalIgnoreCase) { "Nam", "Lao", "an", "so", "thu", "Myanmar", "Phayao" };

    private static readonly System.Text.RegularExpressions.Regex ExplainedNgo = new(
        "(องค์กร|ອົງການ|tổ chức|អង្គការ) NGO|NGO အဖွဲ့", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Texts translated under another part of the work on native texts (the check-in texts): their lines are left to
    /// the check that every language with its own texts has them (text.fallback, and the check-in rule).
    /// </summary>
    private static readonly HashSet<string> TranslatedElsewhere = new(StringComparer.Ordinal) { "checkin.started" };

    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryMenu_OnSmsAndUssd_HasNoLatinWordTheReaderMustGuess()
    {
        var findings = Walk(Repository.ShippedBundle);
        Assert.True(findings.Count == 0, $"{findings.Count} lines have words in Latin letters:\n" + string.Join('\n', findings));
    }

    public static IReadOnlyList<string> Walk(FlowBundle bundle)
    {
        var engine = new FlowEngine(bundle, TestEngine.Options);
        var keywords = bundle.Keywords.Global.Concat(bundle.Keywords.Scoped)
            .SelectMany(k => k.Words.Values.SelectMany(w => w))
            .SelectMany(w => w.Text.Split(' '))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var english = EnglishWords(bundle);
        var elsewhere = TranslatedElsewhere.Select(k => bundle.Texts.Resolve(k, TextCatalog.DefaultLanguage, Channel.Sms).Text.Replace("{minutes}", "30", StringComparison.Ordinal)).ToList();
        var findings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            foreach (var channel in new[] { Channel.Sms, Channel.Ussd })
            {
                foreach (var country in CountryCodes.Known)
                {
                    foreach (var (path, message, before, after) in Messages(engine, bundle, language, country, channel))
                    {
                        var explained = HasNativeWords(message, language, keywords, english);
                        var lines = message.Split('\n');
                        for (var i = 0; i < lines.Length; i++)
                        {
                            var line = lines[i];
                            if (elsewhere.Any(t => line.Length > 0 && t.Contains(line, StringComparison.Ordinal)))
                            {
                                continue;
                            }

                            var next = i + 1 < lines.Length && !IsOptionLine(lines[i + 1]) ? lines[i + 1] : after;
                            var context = (i == 0 ? before : lines[i - 1]) + " " + line + " " + next;
                            var words = Foreign(line, language, keywords, english, explained, context);
                            if (words.Count > 0)
                            {
                                findings.TryAdd($"{language} {channel.ToString().ToLowerInvariant()} [{string.Join(", ", words)}] \"{line}\"", $" (in {country}: {path})");
                            }
                        }
                    }
                }
            }
        }

        return [.. findings.Select(f => f.Key + f.Value)];
    }

    /// <summary>Every message of every state reachable from the menu, with the answers that led there.</summary>
    private static IEnumerable<(string Path, string Message, string Before, string After)> Messages(FlowEngine engine, FlowBundle bundle, string language, string country, Channel channel)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(Session Session, string Path, string Last)>();
        var first = engine.Handle(new Session { Language = language, Country = country, LastActivity = Noon }, string.Empty, channel, Noon);
        foreach (var message in first.Messages)
        {
            yield return ("menu", message, string.Empty, FirstLine(first.Session.PendingPages));
        }

        queue.Enqueue((first.Session, "menu", first.Messages.Count > 0 ? first.Messages[^1] : string.Empty));
        while (queue.Count > 0)
        {
            var (session, path, last) = queue.Dequeue();
            if (session.State is not { } name || bundle.FindState(name) is not { } state)
            {
                continue;
            }

            var answers = state.Options.Select(o => o.Key.ToString(CultureInfo.InvariantCulture)).ToList();
            if (state.Input is not null)
            {
                answers.Add("30");
            }

            if (session.PendingPages.Count > 0)
            {
                answers.Add("0");
            }

            foreach (var answer in answers)
            {
                var turn = engine.Handle(session, answer, channel, Noon);
                if (turn.Session.Language != language || turn.Session.State == "main:language")
                {
                    continue;   // the language menu is multilingual on purpose
                }

                var next = $"{path} > {answer}";
                // Only the answers that choose a text make a state say something else.
                var key = $"{turn.Session.State}|{turn.Session.Country}|{turn.Session.PendingPages.Count}|{turn.Session.Variables.GetValueOrDefault("category")}|{turn.Session.Variables.GetValueOrDefault("labour_report")}";
                if (!seen.Add(key))
                {
                    continue;
                }

                // The last words of the page before, for a page that begins in the middle of a sentence.
                var before = answer == "0" ? last.Split('\n').LastOrDefault(l => l.Length > 0 && !char.IsAsciiDigit(l[0])) ?? string.Empty : string.Empty;
                foreach (var message in turn.Messages)
                {
                    yield return (next, message, before, FirstLine(turn.Session.PendingPages));
                }

                queue.Enqueue((turn.Session, next, turn.Messages.Count > 0 ? turn.Messages[^1] : string.Empty));
            }
        }
    }

    private static bool IsOptionLine(string line) =>
        line.IndexOf(". ", StringComparison.Ordinal) is > 0 and var dot && line[..dot].All(char.IsAsciiDigit);

    private static string FirstLine(List<string> pages) => pages.Count > 0 ? pages[0].Split('\n')[0] : string.Empty;

    /// <summary>The words of <paramref name="line"/> in Latin letters that are not allowed there.</summary>
    // explained: the message the line is in has words of the person's language; context: the line with the lines
    // around it, for an NGO explained across a line or page break.
    private static List<string> Foreign(string line, string language, HashSet<string> keywords, HashSet<string> english, bool explained, string context)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = Words(line.Replace("{ref}", string.Empty, StringComparison.Ordinal));
        var latin = words.Where(w => language == "vi" ? IsEnglish(w, english) : w.Any(IsLatinLetter)).ToList();
        var optionLine = IsKeywordOptionLine(line, keywords);
        var ngoExplained = ExplainedNgo.IsMatch(System.Text.RegularExpressions.Regex.Replace(context, @"\s+", " "));
        return latin.Where(w => !w.Any(char.IsAsciiDigit)
            && !(keywords.Contains(w) && (explained || optionLine))
            && !(w == "NGO" && ngoExplained)).ToList();
    }

    private static bool HasNativeWords(string message, string language, HashSet<string> keywords, HashSet<string> english) =>
        Words(message).Any(w => language == "vi"
            ? !IsEnglish(w, english) && w.Any(char.IsLetter) && !keywords.Contains(w) && w != "NGO"
            : w.Any(c => char.IsLetter(c) && !IsLatinLetter(c)));

    private static bool IsKeywordOptionLine(string line, HashSet<string> keywords)
    {
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && line[..dot].All(char.IsAsciiDigit) && keywords.Contains(line[(dot + 2)..].Trim());
    }

    private static bool IsEnglish(string word, HashSet<string> english) =>
        word.All(c => c < 128) && word.Any(char.IsAsciiLetter) && english.Contains(word) && !VietnameseHomographs.Contains(word);

    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static bool IsLatinLetter(char c) =>
        char.IsAsciiLetter(c) || (c >= '\u00C0' && c <= '\u024F' && c != '\u00D7' && c != '\u00F7') || (c >= '\u1E00' && c <= '\u1EFF');

    /// <summary>Words of the English texts and directory names, for telling English apart in Vietnamese.</summary>
    private static HashSet<string> EnglishWords(FlowBundle bundle)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in bundle.Texts.Language(TextCatalog.DefaultLanguage)!.Texts.Values)
        {
            foreach (var text in entry.Variants.Values.Prepend(entry.Text))
            {
                words.UnionWith(Words(text).Where(w => w.All(char.IsAsciiLetter) && w.Length > 1));
            }
        }

        foreach (var contact in bundle.Directory.Entries)
        {
            words.UnionWith(Words(contact.Name).Where(w => w.All(char.IsAsciiLetter) && w.Length > 1));
        }

        return words;
    }
}
