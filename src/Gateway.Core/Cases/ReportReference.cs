using System.Security.Cryptography;

namespace Gateway.Core.Cases;

/// <summary>
/// Report references a person can read over the phone: six characters from an alphabet without look-alikes
/// (no 0/O, 1/I) and a check character (Luhn mod 32) that catches any single wrong character and most swaps.
/// </summary>
/// <example><c>K7M2QX</c> + check → <c>K7M2QXH</c></example>
public static class ReportReference
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 7;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        chars[^1] = CheckCharacter(chars[..^1]);
        return new string(chars);
    }

    /// <summary>
    /// The reference made of six characters of <see cref="Alphabet"/> and their check character: for samples
    /// (<c>gateway try</c> stores no report, so it shows <c>WithCheck("SAMPLE")</c> where the host shows a new one).
    /// </summary>
    public static string WithCheck(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length != Length - 1 || !body.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A reference's body is {Length - 1} characters of {Alphabet}.", nameof(body));
        }

        return body + CheckCharacter(body);
    }

    /// <summary>True for a well-formed reference whose check character matches (case and spaces ignored).</summary>
    public static bool IsValid(string? text)
    {
        var reference = Normalize(text);
        return reference is not null && CheckCharacter(reference.AsSpan(0, Length - 1)) == reference[^1];
    }

    /// <summary>Upper case without spaces or dashes, or null when it cannot be a reference.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = new string([.. text.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        return cleaned.Length == Length && cleaned.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? cleaned : null;
    }

    private static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
