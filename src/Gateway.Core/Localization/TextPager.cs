using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Core.Localization;

/// <summary>
/// Splits a text that is too long for one reply into pages that each fit a
/// <see cref="TextBudget"/> together with a "more" line, such as "0 Next" on USSD or
/// "Reply M for more" on SMS.
/// </summary>
/// <remarks>
/// <para>
/// The pages returned do NOT contain the more line. The caller sends
/// <c>page + "\n" + moreLine</c> for every page except the last, and the last page alone.
/// Every page but the last is measured with <c>"\n" + moreLine</c> appended, because the
/// more line can change the alphabet: a Latin page with a Burmese more line travels as UCS-2
/// and has far less room.
/// </para>
/// <para>
/// A page ends at the last line break that fits, unless that page would be less than half
/// as long as one ending at the last fitting space; then it ends at that space. A word is cut
/// only when it is too long to fit a page on its own, and then between grapheme clusters, so
/// a letter never loses its vowel signs or tone marks and an emoji is never broken. Pages
/// start and end without the whitespace found at a break. Scripts written without spaces
/// between words (Thai, Lao, Khmer, much Burmese) are cut between clusters.
/// </para>
/// <para>
/// The work grows with the length of the text times the logarithm of a page, not with its
/// square: every candidate page is found by an exponential then binary search over the
/// possible break positions, and only strings about as long as a page are measured.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var pages = TextPager.Page(longText, TextBudget.Ussd, "0 Next");
/// for (int i = 0; i &lt; pages.Count; i++)
/// {
///     string screen = i &lt; pages.Count - 1 ? pages[i] + "\n" + "0 Next" : pages[i];
///     // send screen
/// }
/// </code>
/// </example>
public static class TextPager
{
    private const string Separator = "\n";

    /// <summary>
    /// Splits <paramref name="text"/> into pages for <paramref name="budget"/>. When the text
    /// fits as it is, the single page is the text itself, unchanged.
    /// </summary>
    /// <param name="text">The text to page.</param>
    /// <param name="budget">The room of one reply.</param>
    /// <param name="moreLine">
    /// The line the caller appends, after <c>"\n"</c>, to every page but the last. It is not part of
    /// the pages returned.
    /// </param>
    /// <returns>The pages in order, without the more line; at least one.</returns>
    /// <exception cref="ArgumentException">
    /// The text cannot be paged with this more line (see <see cref="CanPage"/>, whose reason is
    /// the message).
    /// </exception>
    public static IReadOnlyList<string> Page(string text, TextBudget budget, string moreLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(moreLine);

        if (budget.Fits(text))
        {
            return [text];
        }

        if (!CanPage(text, budget, moreLine, out string? reason))
        {
            throw new ArgumentException(reason, nameof(moreLine));
        }

        var layout = new Layout(text, budget, Separator + moreLine);
        var pages = new List<string>();
        int start = layout.SkipSpace(0);
        int end = layout.ContentEnd;
        while (start < end)
        {
            int pageEnd = layout.ChoosePageEnd(start, end);
            if (layout.FitsAlone(start, end, pageEnd))
            {
                pages.Add(layout.Slice(start, end));
                break;
            }

            pages.Add(layout.Slice(start, pageEnd));
            start = layout.SkipSpace(pageEnd);
        }

        if (pages.Count == 0)
        {
            pages.Add(string.Empty);
        }

        return pages;
    }

    /// <summary>
    /// Says whether <see cref="Page"/> can split <paramref name="text"/> for
    /// <paramref name="budget"/> with <paramref name="moreLine"/>: it cannot when even a single
    /// grapheme cluster of the text plus the more line is too long, typically a more line too
    /// long for a USSD screen. Use it to check a flow when it is edited, not when it is sent.
    /// </summary>
    /// <param name="text">The text to page.</param>
    /// <param name="budget">The room of one reply.</param>
    /// <param name="moreLine">The line appended, after <c>"\n"</c>, to every page but the last.</param>
    /// <param name="reason">When false, a sentence for the NGO editor saying what to shorten.</param>
    public static bool CanPage(string text, TextBudget budget, string moreLine, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(moreLine);

        reason = null;
        if (budget.Fits(text))
        {
            return true;
        }

        string tail = Separator + moreLine;
        if (!budget.Fits(tail))
        {
            reason = $"The more line “{moreLine}” is too long for {budget.Describe()} even without any text, "
                + "so no page could carry it. Shorten the more line.";
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clusters = StringInfo.GetTextElementEnumerator(text);
        while (clusters.MoveNext())
        {
            string cluster = clusters.GetTextElement();
            if (IsSpace(cluster) || !seen.Add(cluster) || budget.Fits(cluster + tail))
            {
                continue;
            }

            reason = $"The more line “{moreLine}” leaves no room for “{cluster}” on {budget.Describe()}, "
                + "so this text cannot be split into pages.";
            reason += SmsSegmentCalculator.IsGsm7(moreLine) && !SmsSegmentCalculator.IsGsm7(cluster)
                ? " Text in scripts such as Burmese or Khmer leaves much less room, so the more line must be shorter."
                : " Shorten the more line.";
            return false;
        }

        return true;
    }

    private static bool IsSpace(ReadOnlySpan<char> cluster)
    {
        foreach (char c in cluster)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// The grapheme clusters of one text and the places a page may end, as cluster indexes:
    /// a page from cluster <c>s</c> to cluster <c>e</c> (exclusive) is
    /// <c>text[Bounds[s]..Bounds[e]]</c>.
    /// </summary>
    private sealed class Layout
    {
        private readonly string text;
        private readonly TextBudget budget;
        private readonly string tail;

        // Bounds[i] is the offset of cluster i; Bounds[^1] is the text length.
        private readonly int[] bounds;
        private readonly bool[] space;

        // Page ends: after any non-space cluster; before whitespace; before whitespace holding a line break.
        private readonly int[] clusterEnds;
        private readonly int[] wordEnds;
        private readonly int[] lineEnds;

        public Layout(string text, TextBudget budget, string tail)
        {
            this.text = text;
            this.budget = budget;
            this.tail = tail;

            var offsets = new List<int>(text.Length + 1);
            for (int offset = 0; offset < text.Length; offset += StringInfo.GetNextTextElementLength(text.AsSpan(offset)))
            {
                offsets.Add(offset);
            }

            offsets.Add(text.Length);
            bounds = [.. offsets];

            int count = bounds.Length - 1;
            space = new bool[count];
            var breaksLine = new bool[count];
            for (int i = count - 1; i >= 0; i--)
            {
                ReadOnlySpan<char> cluster = text.AsSpan(bounds[i], bounds[i + 1] - bounds[i]);
                space[i] = IsSpace(cluster);
                breaksLine[i] = space[i] && (cluster.ContainsAny('\n', '\r') || cluster.ContainsAny('\u0085', '\u2028', '\u2029')
                    || (i + 1 < count && breaksLine[i + 1]));
            }

            var clusterList = new List<int>();
            var wordList = new List<int>();
            var lineList = new List<int>();
            for (int e = 1; e <= count; e++)
            {
                if (space[e - 1])
                {
                    continue;
                }

                clusterList.Add(e);
                if (e < count && space[e])
                {
                    wordList.Add(e);
                    if (breaksLine[e])
                    {
                        lineList.Add(e);
                    }
                }
            }

            clusterEnds = [.. clusterList];
            wordEnds = [.. wordList];
            lineEnds = [.. lineList];

            int contentEnd = count;
            while (contentEnd > 0 && space[contentEnd - 1])
            {
                contentEnd--;
            }

            ContentEnd = contentEnd;
        }

        /// <summary>The cluster index just after the last non-space cluster.</summary>
        public int ContentEnd { get; }

        public string Slice(int start, int end) => text[bounds[start]..bounds[end]];

        public int SkipSpace(int index)
        {
            while (index < space.Length && space[index])
            {
                index++;
            }

            return index;
        }

        /// <summary>
        /// Whether the rest of the text fits as the last page. Growing prefixes are measured
        /// first: one that does not fit proves the rest does not either, so a long rest is
        /// never measured whole for every page. The first probe is twice the page found with
        /// the more line (<paramref name="pageEnd"/>), which usually settles it at once.
        /// </summary>
        public bool FitsAlone(int start, int end, int pageEnd)
        {
            long probe = (2L * (bounds[pageEnd] - bounds[start])) + tail.Length + 1;
            while (true)
            {
                if (bounds[start] + probe >= bounds[end])
                {
                    return budget.Fits(Slice(start, end));
                }

                int index = Array.BinarySearch(bounds, start, end - start + 1, (int)(bounds[start] + probe));
                int probeEnd = index >= 0 ? index : ~index;
                if (!budget.Fits(Slice(start, probeEnd)))
                {
                    return false;
                }

                probe *= 2;
            }
        }

        /// <summary>The cluster index where the page starting at <paramref name="start"/> ends.</summary>
        public int ChoosePageEnd(int start, int end)
        {
            // Cuts between clusters are searched first, from the start outwards, so that the
            // longest string ever measured is about twice a page even when a script has no
            // spaces; word and line ends can only fit up to that cut.
            int cluster = Longest(clusterEnds, start, end - 1);
            if (cluster < 0)
            {
                // CanPage has checked that every cluster fits with the more line.
                cluster = start + 1;
            }

            int word = Longest(wordEnds, start, cluster);
            int line = word < 0 ? -1 : Longest(lineEnds, start, word);
            if (line > 0 && 2 * (bounds[line] - bounds[start]) >= bounds[word] - bounds[start])
            {
                return line;
            }

            return word > 0 ? word : cluster;
        }

        private bool FitsWithTail(int start, int end) =>
            budget.Fits(string.Concat(text.AsSpan(bounds[start], bounds[end] - bounds[start]), tail));

        /// <summary>
        /// The last of <paramref name="ends"/> in (start, last] whose page fits with the more
        /// line, or -1. Fitting is taken to be monotone: a shorter page fits when a longer one does.
        /// </summary>
        private int Longest(int[] ends, int start, int last)
        {
            int from = FirstAbove(ends, start);
            int to = FirstAbove(ends, last);
            if (from >= to || !FitsWithTail(start, ends[from]))
            {
                return -1;
            }

            int good = from;
            int bad = to;
            for (int step = 1; good + step < to; step *= 2)
            {
                if (!FitsWithTail(start, ends[good + step]))
                {
                    bad = good + step;
                    break;
                }

                good += step;
            }

            while (bad - good > 1)
            {
                int middle = good + ((bad - good) / 2);
                if (FitsWithTail(start, ends[middle]))
                {
                    good = middle;
                }
                else
                {
                    bad = middle;
                }
            }

            return ends[good];
        }

        private static int FirstAbove(int[] sorted, int value)
        {
            int index = Array.BinarySearch(sorted, value + 1);
            return index >= 0 ? index : ~index;
        }
    }
}
