using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Core.Text;

/// <summary>
/// libicui18n found at run time, with the three <c>utrans_*</c> entry points the gateway uses.
/// </summary>
/// <remarks>
/// ICU appends its major version to every exported name (<c>utrans_openU_72</c>), so the library
/// file and the suffix are probed from <see cref="MaxVersion"/> down to <see cref="MinVersion"/>;
/// builds made without renaming export the plain names, which are tried as well.
/// <para>
/// An ICU transliterator must not be used by two threads at once. Each thread keeps its own open
/// transliterators (a <see cref="ThreadLocal{T}"/> per library), so concurrent messages never wait
/// for each other, and a thread pool's few long-lived threads open each transliterator once.
/// The handles are <see cref="SafeHandle"/>s: those of a thread that ends are closed by the finalizer.
/// A lock around one shared transliterator would serialise every inbound message on it.
/// </para>
/// </remarks>
internal sealed unsafe class IcuLibrary : IDisposable
{
    internal const int MinVersion = 58;
    internal const int MaxVersion = 99;

    private const int UBufferOverflowError = 15;
    private const int UTransForward = 0;
    private const int MaxAttempts = 4;

    // utrans_openU(const UChar* id, int32_t idLength, UTransDirection dir, const UChar* rules,
    //              int32_t rulesLength, UParseError* parseError, UErrorCode* status)
    private readonly delegate* unmanaged<char*, int, int, char*, int, ParseError*, int*, IntPtr> _open;

    // utrans_transUChars(const UTransliterator* trans, UChar* text, int32_t* textLength,
    //                    int32_t textCapacity, int32_t start, int32_t* limit, UErrorCode* status)
    private readonly delegate* unmanaged<IntPtr, char*, int*, int, int, int*, int*, void> _transUChars;

    // utrans_close(UTransliterator* trans)
    private readonly delegate* unmanaged<IntPtr, void> _close;

    private readonly ThreadLocal<Dictionary<string, TransliteratorHandle>> _perThread =
        new(() => new Dictionary<string, TransliteratorHandle>(StringComparer.Ordinal));

    private IcuLibrary(string? unavailableReason)
    {
        UnavailableReason = unavailableReason;
    }

    private IcuLibrary(
        string libraryName,
        int? version,
        delegate* unmanaged<char*, int, int, char*, int, ParseError*, int*, IntPtr> open,
        delegate* unmanaged<IntPtr, char*, int*, int, int, int*, int*, void> transUChars,
        delegate* unmanaged<IntPtr, void> close)
    {
        LibraryName = libraryName;
        Version = version;
        _open = open;
        _transUChars = transUChars;
        _close = close;
    }

    /// <summary>The library names tried by default, newest ICU first, then the unversioned names.</summary>
    internal static IReadOnlyList<string> DefaultLibraryNames { get; } = BuildDefaultLibraryNames();

    /// <summary>The library that the process uses.</summary>
    internal static IcuLibrary Default => LazyDefault.Value;

    private static Lazy<IcuLibrary> LazyDefault { get; } = new(() => Load(DefaultLibraryNames), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why ICU cannot be used, or null when it was loaded.</summary>
    internal string? UnavailableReason { get; }

    internal string? LibraryName { get; }

    /// <summary>The ICU major version taken from the export suffix; null for unsuffixed exports.</summary>
    internal int? Version { get; }

    internal bool IsLoaded => UnavailableReason is null;

    /// <summary>Loads the first of <paramref name="libraryNames"/> that exports the utrans functions.</summary>
    internal static IcuLibrary Load(IEnumerable<string> libraryNames)
    {
        var tried = new List<string>();
        foreach (var name in libraryNames)
        {
            tried.Add(name);
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }

            foreach (var suffix in SuffixesFor(name))
            {
                if (NativeLibrary.TryGetExport(handle, "utrans_openU" + suffix, out var open)
                    && NativeLibrary.TryGetExport(handle, "utrans_transUChars" + suffix, out var trans)
                    && NativeLibrary.TryGetExport(handle, "utrans_close" + suffix, out var close))
                {
                    int? version = suffix.Length == 0 ? null : int.Parse(suffix.AsSpan(1), CultureInfo.InvariantCulture);
                    return new IcuLibrary(
                        name,
                        version,
                        (delegate* unmanaged<char*, int, int, char*, int, ParseError*, int*, IntPtr>)open,
                        (delegate* unmanaged<IntPtr, char*, int*, int, int, int*, int*, void>)trans,
                        (delegate* unmanaged<IntPtr, void>)close);
                }
            }
        }

        return new IcuLibrary(
            "ICU (libicui18n, version 58 or later) was not found: install the Debian package libicu72 "
            + "(or the libicu package of your distribution) so that Zawgyi-encoded Burmese can be converted. "
            + $"Tried {tried.Count} library names ({string.Join(", ", tried.Take(3))}{(tried.Count > 3 ? ", …" : string.Empty)}).");
    }

    /// <summary>
    /// Whether the transliterator <paramref name="transliteratorId"/> can be opened on this thread;
    /// <paramref name="reason"/> says why not.
    /// </summary>
    internal bool CanOpen(string transliteratorId, out string? reason)
    {
        if (!IsLoaded)
        {
            reason = UnavailableReason;
            return false;
        }

        try
        {
            _ = HandleFor(transliteratorId);
            reason = null;
            return true;
        }
        catch (IcuUnavailableException e)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Zawgyi to Unicode with ICU's <c>Zawgyi-my</c>, except that a number written in Myanmar digits and
    /// standing alone ("အပိုဒ် ၄", a menu choice "၄") is kept: ICU reads a lone four U+1044 as the
    /// abbreviation ၎ U+104E, which Zawgyi writers type with the digit, but a lone digit is far more
    /// often a number.
    /// </summary>
    internal string ZawgyiToUnicode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        StringBuilder? result = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsMyanmarDigit(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && IsMyanmarDigit(text[end]))
            {
                end++;
            }

            var standsAlone = (i == 0 || !IsMyanmarLetterOrMark(text[i - 1]))
                && (end == text.Length || !IsMyanmarLetterOrMark(text[end]));
            if (standsAlone)
            {
                result ??= new StringBuilder(text.Length);
                result.Append(Transliterate(IcuTransliterator.ZawgyiToUnicodeId, text[start..i]));
                result.Append(text, i, end - i);
                start = end;
            }

            i = end;
        }

        if (result is null)
        {
            return Transliterate(IcuTransliterator.ZawgyiToUnicodeId, text);
        }

        result.Append(Transliterate(IcuTransliterator.ZawgyiToUnicodeId, text[start..]));
        return result.ToString();
    }

    /// <summary>Runs the ICU transliterator <paramref name="transliteratorId"/> over <paramref name="text"/>.</summary>
    /// <exception cref="IcuUnavailableException">ICU is missing or lacks that transliterator.</exception>
    internal string Transliterate(string transliteratorId, string text)
    {
        ArgumentNullException.ThrowIfNull(transliteratorId);
        ArgumentNullException.ThrowIfNull(text);
        if (!IsLoaded)
        {
            throw new IcuUnavailableException(UnavailableReason!);
        }

        if (text.Length == 0)
        {
            return text;
        }

        var handle = HandleFor(transliteratorId);
        var capacity = (text.Length * 2) + 16;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var buffer = ArrayPool<char>.Shared.Rent(capacity);
            var added = false;
            try
            {
                text.CopyTo(buffer);
                var length = text.Length;
                var limit = text.Length;
                var status = 0;
                handle.DangerousAddRef(ref added);
                fixed (char* chars = buffer)
                {
                    _transUChars(handle.DangerousGetHandle(), chars, &length, buffer.Length, 0, &limit, &status);
                }

                if (status == UBufferOverflowError)
                {
                    // ICU reports the length it needed; leave room for its terminating NUL.
                    capacity = Math.Max(capacity * 2, length + 1);
                    continue;
                }

                if (status > 0)
                {
                    throw new InvalidOperationException(
                        $"The ICU transliterator '{transliteratorId}' failed with ICU error code {status}.");
                }

                return new string(buffer, 0, length);
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }

                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        throw new InvalidOperationException(
            $"The ICU transliterator '{transliteratorId}' kept asking for a larger buffer ({capacity} characters).");
    }

    private static bool IsMyanmarDigit(char c) => c is >= '\u1040' and <= '\u1049';

    private static bool IsMyanmarLetterOrMark(char c) => ZawgyiModel.IsMyanmarNonDigit(c);

    /// <summary>Closes this thread's transliterators; those of other threads are closed by their finalizers.</summary>
    public void Dispose()
    {
        if (_perThread.IsValueCreated)
        {
            foreach (var handle in _perThread.Value!.Values)
            {
                handle.Dispose();
            }
        }

        _perThread.Dispose();
    }

    private static string[] BuildDefaultLibraryNames()
    {
        var names = new List<string>();
        for (var version = MaxVersion; version >= MinVersion; version--)
        {
            names.Add($"libicui18n.so.{version}");
        }

        names.Add("libicui18n.so");
        names.Add($"libicui18n.{MinVersion}.dylib");
        names.Add("libicucore.dylib");
        names.Add("icu.dll");
        return [.. names];
    }

    /// <summary>Export suffixes to try: the version in the file name first, then every version, then none.</summary>
    private static IEnumerable<string> SuffixesFor(string libraryName)
    {
        var dot = libraryName.LastIndexOf('.');
        if (dot >= 0 && int.TryParse(libraryName.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var fromName))
        {
            yield return "_" + fromName.ToString(CultureInfo.InvariantCulture);
        }

        for (var version = MaxVersion; version >= MinVersion; version--)
        {
            yield return "_" + version.ToString(CultureInfo.InvariantCulture);
        }

        yield return string.Empty;
    }

    private TransliteratorHandle HandleFor(string transliteratorId)
    {
        var handles = _perThread.Value!;
        if (handles.TryGetValue(transliteratorId, out var existing))
        {
            return existing;
        }

        var opened = Open(transliteratorId);
        handles.Add(transliteratorId, opened);
        return opened;
    }

    private TransliteratorHandle Open(string transliteratorId)
    {
        ParseError parseError = default;
        var status = 0;
        IntPtr raw;
        fixed (char* id = transliteratorId)
        {
            raw = _open(id, transliteratorId.Length, UTransForward, null, 0, &parseError, &status);
        }

        if (status > 0 || raw == IntPtr.Zero)
        {
            if (raw != IntPtr.Zero)
            {
                _close(raw);
            }

            throw new IcuUnavailableException(
                $"ICU {Version?.ToString(CultureInfo.InvariantCulture) ?? "(unknown version)"} in {LibraryName} could not open "
                + $"the transliterator '{transliteratorId}' (ICU error code {status}); the Zawgyi transliterators need ICU 58 "
                + "or later: install the Debian package libicu72 (or the libicu package of your distribution).");
        }

        return new TransliteratorHandle(this, raw);
    }

    private void Close(IntPtr transliterator) => _close(transliterator);

    /// <summary>ICU's UParseError: line, offset and two 16-unit context buffers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ParseError
    {
        public int Line;
        public int Offset;
        public fixed char PreContext[16];
        public fixed char PostContext[16];
    }

    private sealed class TransliteratorHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        private readonly IcuLibrary _library;

        public TransliteratorHandle(IcuLibrary library, IntPtr transliterator)
            : base(ownsHandle: true)
        {
            _library = library;
            SetHandle(transliterator);
        }

        protected override bool ReleaseHandle()
        {
            _library.Close(handle);
            return true;
        }
    }
}
