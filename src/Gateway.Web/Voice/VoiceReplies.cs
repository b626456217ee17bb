using System.Globalization;
using Gateway.Channels.Twilio;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Sessions;
using Gateway.Web.Messaging;

namespace Gateway.Web.Voice;

/// <summary>
/// A reply as TwiML for a call. A menu: its texts, each option ("… Press 1."), inside a
/// <c>&lt;Gather numDigits&gt;</c> whose keys come back to <c>/voice/twilio?step=n</c>; with no key the menu is said once more,
/// then <c>voice.goodbye</c> with the hotline, and the call ends. A state that takes typed digits waits for them up
/// to the hash key. A flow that ended: its texts, then, for "talk to someone now", the <c>&lt;Dial&gt;</c> to the
/// contact, and the call ends.
/// </summary>
public sealed class VoiceReplies(VoicePrompts prompts, FlowBundle bundle, VoiceOptions options, Uri gatherAction)
{
    public string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var session = new Session { Language = reply.Language, Country = reply.Country };
        var parts = reply.Said.Count > 0 || reply.Messages.Count == 0
            ? reply.Said
            : [.. reply.Messages.Select(m => new SaidText(null, reply.Language, m, m))];
        var twiml = new VoiceTwiML();
        if (reply.State is null)
        {
            foreach (var part in parts)
            {
                prompts.Speak(twiml, part);
            }

            if (reply.Events.OfType<ConnectRequested>().LastOrDefault() is { Dialable: true, EntryId: { } id }
                && bundle.Directory.Find(id) is { } entry && ConnectRouting.DialNumber(entry) is { } number)
            {
                Connect(twiml, number);
            }

            return twiml.Hangup().ToString();
        }

        var keys = reply.Menu.Select(m => m.Key).ToList();
        var digits = keys.Count == 0 ? (int?)null : keys.Max(k => k.ToString(CultureInfo.InvariantCulture).Length);
        var finishOnKey = digits is 1 ? null : "#";
        for (var time = 0; time < 2; time++)
        {
            twiml.Gather(gatherAction, numDigits: digits, timeoutSeconds: options.GatherTimeoutSeconds, finishOnKey: finishOnKey, then: gather =>
            {
                foreach (var part in parts)
                {
                    prompts.Speak(gather, part);
                }

                foreach (var item in reply.Menu)
                {
                    prompts.SpeakOption(gather, item, session);
                }

                if (keys.Count == 0)
                {
                    prompts.Speak(gather, prompts.Said(SystemTexts.VoiceHash, session));
                }
            });
        }

        prompts.Speak(twiml, prompts.Said(SystemTexts.VoiceGoodbye, session));
        return twiml.Hangup().ToString();
    }

    /// <summary>Puts the call through to <paramref name="number"/>, showing <see cref="VoiceOptions.CallerId"/> when set.</summary>
    public void Connect(VoiceTwiML twiml, string number)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        twiml.Dial([number], callerId: string.IsNullOrWhiteSpace(options.CallerId) ? null : options.CallerId, timeoutSeconds: options.DialTimeoutSeconds);
    }
}
