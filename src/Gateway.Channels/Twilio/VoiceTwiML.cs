using System.Globalization;
using System.Text;

namespace Gateway.Channels.Twilio;

/// <summary>
/// TwiML for voice calls: <c>&lt;Say&gt;</c>, <c>&lt;Play&gt;</c>, <c>&lt;Gather&gt;</c>, <c>&lt;Pause&gt;</c>, <c>&lt;Hangup&gt;</c>,
/// <c>&lt;Redirect&gt;</c> and <c>&lt;Dial&gt;&lt;Number&gt;</c>, with every text and attribute escaped. A builder:
/// verbs are appended in the order Twilio runs them; <see cref="ToString"/> closes the document.
/// </summary>
/// <example>
/// <code>
/// var xml = new VoiceTwiML()
///     .Gather(new Uri("https://gw.example.org/voice/menu"), numDigits: 1, then: g => g.Say("Press 1 for help.", language: "en-US"))
///     .Say("Goodbye.")
///     .Hangup()
///     .ToString();
/// </code>
/// </example>
public sealed class VoiceTwiML
{
    /// <summary>The voice of page calls: Amazon Polly's US English voice, which Twilio offers on every account.</summary>
    public const string PageVoice = "Polly.Joanna";

    private readonly StringBuilder _xml = new("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    private bool _inGather;
    private bool _closed;

    /// <summary><c>&lt;Say voice language loop&gt;text&lt;/Say&gt;</c>; Twilio's own voice and language when none are given.</summary>
    public VoiceTwiML Say(string text, string? voice = null, string? language = null, int? loop = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Open("Say", ("voice", voice), ("language", language), ("loop", Number(loop)));
        TwiML.AppendEscaped(_xml, text);
        _xml.Append("</Say>");
        return this;
    }

    /// <summary><c>&lt;Play loop&gt;url&lt;/Play&gt;</c>: plays the recording at <paramref name="url"/> (MP3 or WAV), inside a Gather too.</summary>
    public VoiceTwiML Play(Uri url, int? loop = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Open("Play", ("loop", Number(loop)));
        TwiML.AppendEscaped(_xml, url.AbsoluteUri);
        _xml.Append("</Play>");
        return this;
    }

    /// <summary><c>&lt;Pause length&gt;</c>: silence, in whole seconds (Twilio's default is 1).</summary>
    public VoiceTwiML Pause(int seconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        Open("Pause", selfClosing: true, ("length", Number(seconds)));
        return this;
    }

    /// <summary>
    /// <c>&lt;Gather input="dtmf" action method numDigits timeout finishOnKey&gt;</c> holding the verbs
    /// <paramref name="then"/> adds (Say, Play and Pause): keys pressed are posted as Digits to
    /// <paramref name="action"/>; with no input Twilio moves on to the verb after the Gather.
    /// </summary>
    public VoiceTwiML Gather(Uri action, int? numDigits = null, int timeoutSeconds = 5, string method = "POST", string? finishOnKey = null, Action<VoiceTwiML>? then = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_inGather)
        {
            throw new InvalidOperationException("A <Gather> cannot hold another <Gather>.");
        }

        Open("Gather", ("input", "dtmf"), ("action", action.AbsoluteUri), ("method", method), ("numDigits", Number(numDigits)), ("timeout", Number(timeoutSeconds)), ("finishOnKey", finishOnKey));
        _inGather = true;
        try
        {
            then?.Invoke(this);
        }
        finally
        {
            _inGather = false;
        }

        _xml.Append("</Gather>");
        return this;
    }

    /// <summary><c>&lt;Hangup/&gt;</c>: ends the call.</summary>
    public VoiceTwiML Hangup()
    {
        NotInGather("Hangup");
        Open("Hangup", selfClosing: true);
        return this;
    }

    /// <summary><c>&lt;Redirect method&gt;url&lt;/Redirect&gt;</c>: the call continues with the TwiML at <paramref name="url"/>.</summary>
    public VoiceTwiML Redirect(Uri url, string method = "POST")
    {
        ArgumentNullException.ThrowIfNull(url);
        NotInGather("Redirect");
        Open("Redirect", ("method", method));
        TwiML.AppendEscaped(_xml, url.AbsoluteUri);
        _xml.Append("</Redirect>");
        return this;
    }

    /// <summary>
    /// <c>&lt;Dial callerId action timeout&gt;&lt;Number&gt;…&lt;/Number&gt;&lt;/Dial&gt;</c>: connects the caller to
    /// the numbers (rung at once; the first to answer wins). Twilio posts DialCallStatus to <paramref name="action"/>.
    /// </summary>
    public VoiceTwiML Dial(IReadOnlyList<string> numbers, string? callerId = null, Uri? action = null, int? timeoutSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentOutOfRangeException.ThrowIfZero(numbers.Count);
        NotInGather("Dial");
        Open("Dial", ("callerId", callerId), ("action", action?.AbsoluteUri), ("method", action is null ? null : "POST"), ("timeout", Number(timeoutSeconds)));
        foreach (var number in numbers)
        {
            _xml.Append("<Number>");
            TwiML.AppendEscaped(_xml, number);
            _xml.Append("</Number>");
        }

        _xml.Append("</Dial>");
        return this;
    }

    /// <summary>The document: <c>&lt;?xml …?&gt;&lt;Response&gt;…&lt;/Response&gt;</c>.</summary>
    public override string ToString()
    {
        if (!_closed)
        {
            _xml.Append("</Response>");
            _closed = true;
        }

        return _xml.ToString();
    }

    /// <summary>
    /// The TwiML of a page call to a responder, in slow English, said twice: "Safe Migration Gateway. New
    /// <paramref name="categoryWords"/> report, reference K, 7, M… Press 1 to accept it." The reference is spelled
    /// one character at a time with a second's pause after each. Any key pressed is posted as Digits to
    /// <paramref name="acceptAction"/> (which decides what 1 means); with no key the call says so and hangs up,
    /// leaving the report to the next step of its escalation.
    /// </summary>
    /// <example><c>VoiceTwiML.Page("K7M2QXH", "labour", new Uri("https://gw.example.org/voice/page/accept?t=…"))</c></example>
    public static string Page(string reference, string categoryWords, Uri acceptAction, string voice = PageVoice, bool possibleDuplicate = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(categoryWords);
        const string language = "en-US";
        var twiml = new VoiceTwiML();
        twiml.Gather(acceptAction, numDigits: 1, timeoutSeconds: 8, then: gather =>
        {
            for (var time = 0; time < 2; time++)
            {
                gather.Say("Safe Migration Gateway.", voice, language).Pause();
                if (possibleDuplicate)
                {
                    // A call placed again after an earlier attempt may have rung: the responder must not count it twice.
                    gather.Say("This is a repeat of an earlier call, and may be a duplicate.", voice, language).Pause();
                }

                gather.Say(possibleDuplicate ? $"{categoryWords.Trim()} report." : $"New {categoryWords.Trim()} report.", voice, language).Pause()
                    .Say("Reference:", voice, language).Pause();
                foreach (var character in reference.Trim())
                {
                    gather.Say(character + ".", voice, language).Pause();
                }

                gather.Say("Press 1 to accept it.", voice, language).Pause(2);
            }
        });
        return twiml
            .Say("No key was pressed. Goodbye.", voice, language)
            .Hangup()
            .ToString();
    }

    private void Open(string verb, params (string Name, string? Value)[] attributes) => Open(verb, selfClosing: false, attributes);

    private void Open(string verb, bool selfClosing, params (string Name, string? Value)[] attributes)
    {
        if (_closed)
        {
            throw new InvalidOperationException("The TwiML was already written out; start a new VoiceTwiML.");
        }

        _xml.Append('<').Append(verb);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _xml.Append(' ').Append(name).Append("=\"");
                AppendAttributeValue(value);
                _xml.Append('"');
            }
        }

        _xml.Append(selfClosing ? "/>" : ">");
    }

    // Line breaks and tabs written raw in an attribute would be read back as spaces.
    private void AppendAttributeValue(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '\r' or '\n' or '\t')
            {
                TwiML.AppendEscaped(_xml, value[start..i]);
                _xml.Append("&#").Append(((int)value[i]).ToString(CultureInfo.InvariantCulture)).Append(';');
                start = i + 1;
            }
        }

        TwiML.AppendEscaped(_xml, value[start..]);
    }

    private void NotInGather(string verb)
    {
        if (_inGather)
        {
            throw new InvalidOperationException($"A <Gather> holds only <Say>, <Play> and <Pause>, not <{verb}>.");
        }
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
