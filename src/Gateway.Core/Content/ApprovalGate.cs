using System.Globalization;
using System.Text;
using Gateway.Core.Accounts;
using Gateway.Core.Flows;
using Gateway.Core.Localization;

namespace Gateway.Core.Content;

/// <summary>
/// The one rule for which content changes a second person must check before they are served, whatever the way in:
/// a text edited in the console or the API, a spreadsheet (CSV) import, a number in flows/directory.yaml, and the
/// same calls from later ways in (a flow publish, a keyword, a recording, a broadcast). A wrong hotline number or a
/// lost <c>{hotline}</c> sends a person in danger nowhere, so the gate asks for a second person when:
/// <list type="bullet">
/// <item>a number changes, however it is written: the wording is read after Unicode normalisation (NFKC), with
/// invisible format characters removed, every script's digits read as digits, and digits joined by anything that is
/// not a letter (spaces, dots, dashes, brackets) read as one number (<see cref="Numbers"/>);</item>
/// <item>a hotline or contact placeholder (<c>{hotline…}</c>, <c>{contact…}</c>) is added, removed, reordered, moved to
/// another channel's wording, or the words of its own clause change (<see cref="GuardedPlaceholders"/>);</item>
/// <item>the text's purpose is danger, sos, report, consent or hotline (<see cref="TextPurposes.Guarded"/>), or it
/// has no purpose at all;</item>
/// <item>the change is to a directory number (<see cref="ForDirectoryNumber"/>).</item>
/// </list>
/// Everything else is served at once. Who may approve is <see cref="WhyNotApprover"/>.
/// </summary>
/// <example>
/// <code>
/// var decision = ApprovalGate.ForText(bundle.Texts.PurposeOf(change.Key), old, change);
/// if (decision.NeedsSecondPerson) { /* store a PendingChange with decision.Reason */ } else { /* serve it */ }
/// </code>
/// </example>
public static class ApprovalGate
{
    /// <summary>The wording used on channels without a variant of their own, as a key of a wordings dictionary.</summary>
    public const string AllChannels = "text";

    /// <summary>What ends a clause: Latin punctuation and brackets, line ends, and the CJK, Burmese (၊ ။), Khmer (។ ៕) and Devanagari marks.</summary>
    private static readonly char[] ClauseEnds = ".,;:!?()[]\n\r\u3002\uFF0C\u3001\uFF01\uFF1F\uFF1B\uFF1A\u104A\u104B\u17D4\u17D5\u0964\u0965".ToCharArray();

    /// <summary>
    /// Whether a change from <paramref name="old"/> to <paramref name="change"/> of a text of
    /// <paramref name="purpose"/> needs a second person. <paramref name="old"/> is null for a text the language
    /// does not have yet.
    /// </summary>
    public static GateDecision ForText(TextPurpose? purpose, TextEntry? old, TextChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ForWordings(purpose, old?.Fact, Wordings(old), Wordings(old, change));
    }

    /// <summary>
    /// The gate for any words people read or hear, given as channel → wording before and after (a missing channel
    /// has no words); <see cref="AllChannels"/> is the wording of channels without a variant. A broadcast or a flow
    /// publish calls this with its own wordings.
    /// </summary>
    public static GateDecision ForWordings(TextPurpose? purpose, string? fact, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var reasons = new List<string>();
        if (purpose is null)
        {
            reasons.Add("the text has no purpose in localization/en.yaml, so every change to it is checked");
        }
        else if (purpose.Value.IsGuarded())
        {
            reasons.Add($"the text's purpose is {purpose.Value.Name()}, and every change to such a text is checked");
        }
        else if (fact?.Contains("hotline", StringComparison.OrdinalIgnoreCase) == true)
        {
            reasons.Add($"the text gives a hotline (fact: {fact})");
        }

        var channels = new[] { AllChannels }.Concat(TextChange.VariantChannels).Concat(before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).Where(c => before.ContainsKey(c) || after.ContainsKey(c)).ToList();
        var numbersBefore = channels.Select(c => Numbers(before.GetValueOrDefault(c) ?? string.Empty)).ToList();
        var numbersAfter = channels.Select(c => Numbers(after.GetValueOrDefault(c) ?? string.Empty)).ToList();
        var changed = Enumerable.Range(0, channels.Count).Where(i => !numbersBefore[i].SequenceEqual(numbersAfter[i])).ToList();
        if (changed.Count > 0)
        {
            var i = changed[0];
            reasons.Add($"its numbers change ({Listed(numbersBefore[i])} becomes {Listed(numbersAfter[i])}{(channels[i] == AllChannels ? string.Empty : $" on {channels[i]}")})");
        }

        var placeholdersMoved = channels.Where(c => !GuardedPlaceholders(before.GetValueOrDefault(c) ?? string.Empty)
            .SequenceEqual(GuardedPlaceholders(after.GetValueOrDefault(c) ?? string.Empty))).ToList();
        if (placeholdersMoved.Count > 0)
        {
            var names = channels.SelectMany(c => GuardedPlaceholders(before.GetValueOrDefault(c) ?? string.Empty).Concat(GuardedPlaceholders(after.GetValueOrDefault(c) ?? string.Empty)))
                .Select(p => "{" + p.Name + "}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            reasons.Add($"a hotline or contact placeholder ({string.Join(", ", names)}) is added, removed or moved, or the words around it change");
        }

        return new GateDecision(reasons);
    }

    /// <summary>A number of a hotline or partner in flows/directory.yaml: always checked by a second person.</summary>
    public static GateDecision ForDirectoryNumber(string contactId, string field) =>
        new([$"the {field} of {contactId} is a hotline or partner number, and those are checked by a second person"]);

    /// <summary>
    /// A recording of a text: people hear it, and nobody can read a number out of a sound file, so a recording of a
    /// guarded text, of a text without a purpose, or of one that says a number or a hotline placeholder is checked.
    /// </summary>
    public static GateDecision ForRecording(TextPurpose? purpose, TextEntry text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decision = ForWordings(purpose, text.Fact, new Dictionary<string, string>(), new Dictionary<string, string>());
        var says = Wordings(text).Values.ToList();
        return says.Exists(w => Numbers(w).Count > 0 || GuardedPlaceholders(w).Count > 0)
            ? new GateDecision([.. decision.Reasons, "the recording says a number or a hotline"])
            : decision;
    }

    /// <summary>
    /// Why <paramref name="approver"/> may not approve <paramref name="change"/>, as a sentence for them; null when
    /// they may. The approver is not the author, holds the editor or admin role, was not made by the author (nor by
    /// an account the author made), did not make the author's account (<paramref name="authorMadeBy"/>: who made it,
    /// who made that one, and so on), and, when the account lists the languages it reviews, reads the text's language.
    /// </summary>
    public static string? WhyNotApprover(PendingChange change, Approver approver, IReadOnlyList<string>? authorMadeBy = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(approver);
        if (approver.AccountId == change.ProposedBy)
        {
            return $"{change.Subject} needs a second person: someone other than {change.ProposedByName}, who proposed it, must approve it.";
        }

        if (!approver.Role.Allows(Role.Editor))
        {
            return $"Only an editor or an admin approves changes to content; {approver.Name} is a {approver.Role.Name()}.";
        }

        if (approver.MadeBy.Contains(change.ProposedBy, StringComparer.Ordinal))
        {
            return $"{approver.Name} was made by {change.ProposedByName}, who proposed {change.Subject}, so it does not count as a second person; ask another editor or admin.";
        }

        // The other way round is the same person too: an admin who made an account, proposed through it and
        // approves as themselves. Peers made by the same admin still approve each other's changes.
        if (authorMadeBy is not null && authorMadeBy.Contains(approver.AccountId, StringComparer.Ordinal))
        {
            return $"{approver.Name} made the account of {change.ProposedByName}, who proposed {change.Subject}, so it does not count as a second person; ask another editor or admin.";
        }

        if (change.Language is { } language && approver.Languages is { Count: > 0 } reads && !reads.Contains(language, StringComparer.Ordinal))
        {
            return $"{change.Subject} is a {language} text, and {approver.Name} reviews {string.Join(", ", reads)} only; ask a reviewer who reads {language}.";
        }

        return null;
    }

    /// <summary>
    /// The numbers in a wording, in order, each in Latin digits. The wording is normalised (NFKC: full-width and
    /// circled digits become plain ones), invisible format characters (zero-width spaces and joiners, soft hyphens,
    /// direction marks) are dropped, a digit of any script counts as that digit, and digits with nothing but spaces,
    /// punctuation, symbols or marks between them form one number; a letter ends a number.
    /// </summary>
    /// <example>"Call 1\u200B3.0-0 or ๑๑๙๑" gives ["1300", "1191"].</example>
    public static IReadOnlyList<string> Numbers(string wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        var numbers = new List<string>();
        var digits = new StringBuilder();
        foreach (var rune in wording.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber && Rune.GetNumericValue(rune) is var value and >= 0 && value == Math.Floor(value))
            {
                digits.Append(((long)value).ToString(CultureInfo.InvariantCulture));
            }
            else if (category == UnicodeCategory.Format)
            {
                // Invisible: it neither ends nor joins a number.
            }
            else if (Rune.IsLetter(rune) || category == UnicodeCategory.LetterNumber)
            {
                Flush();
            }
        }

        Flush();
        return numbers;

        void Flush()
        {
            if (digits.Length > 0)
            {
                numbers.Add(digits.ToString());
                digits.Clear();
            }
        }
    }

    /// <summary>
    /// The hotline and contact placeholders of a wording, in order, each with the clause it stands in (the words
    /// between the nearest clause marks, normalised and with invisible characters dropped): moving one, or changing
    /// what its clause says ("if you are forced, call {hotline_labour}"), changes this list.
    /// </summary>
    public static IReadOnlyList<(string Name, string Clause)> GuardedPlaceholders(string wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        var found = new List<(string, string)>();
        var position = 0;
        foreach (var name in Placeholders.Names(wording))
        {
            var start = wording.IndexOf("{" + name + "}", position, StringComparison.Ordinal);
            position = start + name.Length + 2;
            if (!IsGuarded(name))
            {
                continue;
            }

            var from = wording.LastIndexOfAny(ClauseEnds, Math.Max(start - 1, 0)) + 1;
            var to = wording.IndexOfAny(ClauseEnds, position);
            found.Add((name, Clean(wording[from..(to < 0 ? wording.Length : to)])));
        }

        return found;
    }

    /// <summary>Whether a placeholder stands for a hotline or a contact: hotline, hotline_labour, contact_number …</summary>
    public static bool IsGuarded(string placeholder) =>
        placeholder.StartsWith("hotline", StringComparison.Ordinal) || placeholder.StartsWith("contact", StringComparison.Ordinal);

    /// <summary>A text's wordings by channel, as served: <see cref="AllChannels"/> and each variant it has.</summary>
    public static IReadOnlyDictionary<string, string> Wordings(TextEntry? entry)
    {
        var wordings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry is null)
        {
            return wordings;
        }

        wordings[AllChannels] = entry.Text;
        foreach (var channel in TextChange.VariantChannels)
        {
            wordings[channel] = entry.Variants.GetValueOrDefault(channel) ?? entry.Text;
        }

        return wordings;
    }

    /// <summary>The wordings by channel that <paramref name="old"/> has once <paramref name="change"/> is applied.</summary>
    public static IReadOnlyDictionary<string, string> Wordings(TextEntry? old, TextChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var variants = change.Variants ?? new Dictionary<string, string?>();
        var wordings = new Dictionary<string, string>(StringComparer.Ordinal) { [AllChannels] = change.Text };
        foreach (var channel in TextChange.VariantChannels)
        {
            var value = variants.TryGetValue(channel, out var changed) ? changed : old?.Variants.GetValueOrDefault(channel);
            wordings[channel] = string.IsNullOrEmpty(value) ? change.Text : value;
        }

        return wordings;
    }

    private static string Listed(IReadOnlyList<string> numbers) => numbers.Count == 0 ? "no number" : string.Join(", ", numbers);

    private static string Clean(string clause)
    {
        var text = new StringBuilder();
        foreach (var rune in clause.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(rune.ToString());
            }
        }

        return text.ToString().Trim();
    }
}

/// <summary>What <see cref="ApprovalGate"/> decided about a change: the reasons a second person must check it, if any.</summary>
/// <param name="Reasons">Each reason as a phrase for the editor ("its numbers change (1300 becomes 1191)").</param>
public sealed record GateDecision(IReadOnlyList<string> Reasons)
{
    /// <summary>Nothing to check: the change is served at once.</summary>
    public static GateDecision Open { get; } = new([]);

    public bool NeedsSecondPerson => Reasons.Count > 0;

    /// <summary>The reasons joined into one phrase, or null when there are none.</summary>
    public string? Reason => NeedsSecondPerson ? string.Join("; ", Reasons) : null;
}

/// <summary>The person who would approve a change, as <see cref="ApprovalGate.WhyNotApprover"/> sees them.</summary>
/// <param name="AccountId">Their account.</param>
/// <param name="Name">Their display name.</param>
/// <param name="Role">Their role as stored (not as claimed by a session).</param>
/// <param name="MadeBy">The account that made theirs, the one that made that, and so on (empty when the server's operator made it).</param>
/// <param name="Languages">The languages they review; null or empty for any.</param>
public sealed record Approver(string AccountId, string Name, Role Role, IReadOnlyList<string> MadeBy, IReadOnlyList<string>? Languages = null);
