namespace Gateway.Core.Text;

/// <summary>
/// The states and transition weights of the Zawgyi detector: a first-order Markov chain over
/// Myanmar characters, one chain for Zawgyi and one for Unicode, stored as the log ratio of the two.
/// </summary>
/// <remarks>
/// States: <see cref="Boundary"/> stands for the start, the end and any run of non-Myanmar
/// characters (spaces, Latin, punctuation); all consonants U+1000–U+1021 share two states, one after a
/// vowel sign, visarga or dot below (<see cref="ConsonantAfterVowel"/>: in Unicode often a final that takes
/// asat U+103A, in Zawgyi the consonant that a preceding vowel sign E belongs to) and one elsewhere; so do the
/// independent vowels U+1022–U+102A, the digits U+1040–U+1049 and the two extended blocks, because
/// the two encodings do not differ there; every other code point of U+102B–U+109F has its own state,
/// since that is where Zawgyi and Unicode disagree (order of vowel signs and medials, asat and virama,
/// and U+1060–U+109F, which Zawgyi uses for stacked and variant glyphs and Unicode for Shan, Karen and Mon).
/// The weights are produced by tools/ZawgyiModelBuilder (see docs/decisions/0002-zawgyi-detector.md).
/// </remarks>
internal static partial class ZawgyiModel
{
    internal const int Boundary = 0;
    internal const int Consonant = 1;
    internal const int IndependentVowel = 2;
    internal const int Digit = 3;
    internal const int Extended = 4;
    internal const int ConsonantAfterVowel = 5;
    internal const int FirstSignState = 6;                       // U+102B
    internal const int FirstPunctuationState = FirstSignState + 0x103F - 0x102B + 1; // U+104A
    internal const int StateCount = FirstPunctuationState + 0x109F - 0x104A + 1;

    /// <summary>Weights are stored in tenths of a natural-log unit.</summary>
    internal const double WeightScale = 0.1;

    /// <summary>The state of <paramref name="c"/>.</summary>
    internal static int StateOf(char c) => c switch
    {
        >= '\u1000' and <= '\u1021' => Consonant,
        >= '\u1022' and <= '\u102A' => IndependentVowel,
        >= '\u102B' and <= '\u103F' => FirstSignState + (c - '\u102B'),
        >= '\u1040' and <= '\u1049' => Digit,
        >= '\u104A' and <= '\u109F' => FirstPunctuationState + (c - '\u104A'),
        >= '\uAA60' and <= '\uAA7F' => Extended,
        >= '\uA9E0' and <= '\uA9FF' => Extended,
        _ => Boundary,
    };

    /// <summary>The state of <paramref name="c"/> when it follows state <paramref name="previous"/>.</summary>
    internal static int Next(int previous, char c)
    {
        var state = StateOf(c);
        return state == Consonant && previous >= FirstSignState && previous <= FirstSignState + (0x1038 - 0x102B)
            ? ConsonantAfterVowel
            : state;
    }

    /// <summary>Whether <paramref name="c"/> is in one of the Myanmar blocks.</summary>
    internal static bool IsMyanmar(char c) => StateOf(c) != Boundary;

    /// <summary>Whether <paramref name="c"/> is a Myanmar character that tells something about the encoding (not a digit).</summary>
    internal static bool IsMyanmarNonDigit(char c)
    {
        var state = StateOf(c);
        return state != Boundary && state != Digit;
    }

    /// <summary>The weight, in natural-log units, of going from state <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static double Weight(int from, int to) => Weights[(from * StateCount) + to] * WeightScale;
}
