using System.Security.Cryptography;
using System.Text;
using Gateway.Channels.BotFramework;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Chat;

/// <summary>
/// What the gateway does with a verified activity. A message runs one turn of the flows for its sender (address
/// <c>&lt;channelId&gt;:&lt;from.id&gt;</c>, language from the activity's locale for a first contact) and its replies
/// go to the connector before the POST is answered. A conversationUpdate that adds someone other than the bot
/// greets them: an empty message brings the flow's first-contact start. Other activity types are acknowledged and
/// ignored. An activity seen before (channels retry) is acknowledged without running the flow again.
/// </summary>
public sealed partial class ChatTurns(
    MessageProcessor processor,
    IMessageDedupe dedupe,
    IContactStore contacts,
    FlowHost flows,
    DataKey dataKey,
    ChatReplySender sender,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> gatewayOptions,
    IServiceProvider services,
    ILogger<ChatTurns> logger)
{
    /// <summary>The label of the SOS button where a language has no text for it.</summary>
    public const string SosTextKey = "menu.sos";

    public async Task HandleAsync(Activity activity, bool withToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await TurnAsync(activity, activity.From!.Id!, activity.Text ?? string.Empty, withToken, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate:
                var recipient = activity.Recipient?.Id;
                foreach (var member in activity.MembersAdded ?? [])
                {
                    if (!string.IsNullOrEmpty(member.Id) && member.Id != recipient)
                    {
                        await TurnAsync(activity, member.Id, string.Empty, withToken, cancellationToken);
                    }
                }

                break;
        }
    }

    private async Task TurnAsync(Activity activity, string personId, string text, bool withToken, CancellationToken cancellationToken)
    {
        var address = $"{activity.ChannelId}:{personId}";
        var contactId = dataKey.ContactId($"chat:{address}");
        var language = LanguageTags.FromLocale(activity.Locale) is { } code && flows.Engine.Bundle.Texts.Has(code) ? code : null;
        var message = new InboundMessage("chat", address, text, activity.Id, Language: language);
        var window = gatewayOptions.Value.DedupeWindow;
        // An activity without an id cannot be recognised when it comes again: it is handled every time.
        var key = string.IsNullOrEmpty(activity.Id) ? null : DedupeKey(activity, personId);

        Reply reply;
        try
        {
            var (claim, _) = key is null ? (DedupeClaim.New, null) : await dedupe.ClaimAsync(key, window, cancellationToken);
            if (claim != DedupeClaim.New)
            {
                metrics.Duplicates.Add(1, new KeyValuePair<string, object?>("channel", "chat"));
                return;
            }
        }
        catch (Exception e) when (IsStoreDown(e) && services.GetService<InboundJournal>() is { } journal)
        {
            await DegradedAsync(activity, message, journal, e, withToken, contactId, cancellationToken);
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        try
        {
            reply = await processor.ProcessAsync(message, cancellationToken);
        }
        catch (Exception e)
        {
            try
            {
                if (key is not null)
                {
                    await dedupe.ReleaseAsync(key, CancellationToken.None);
                }
            }
            catch (Exception release) when (IsStoreDown(release))
            {
                // The claim expires with the dedupe window.
            }

            if (IsStoreDown(e) && services.GetService<InboundJournal>() is { } journal)
            {
                await DegradedAsync(activity, message, journal, e, withToken, contactId, cancellationToken);
                return;
            }

            throw;
        }

        var sosLabel = await SosLabelAsync(reply, contactId, language, cancellationToken);
        var replies = ChatReplies.Build(activity, reply.Messages, reply.Menu, sosLabel);
        var sent = await sender.SendAsync(replies, activity.Id, withToken, contactId, cancellationToken);
        metrics.HandlingTime.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", "chat"));
        if (key is not null)
        {
            await dedupe.CompleteAsync(key, $"sent {sent} of {replies.Count}", window, cancellationToken);
        }
    }

    /// <summary>
    /// The SOS button's label in the person's language, when the texts have one; otherwise "SOS", which every
    /// language's keywords understand.
    /// </summary>
    private async Task<string> SosLabelAsync(Reply reply, string contactId, string? language, CancellationToken cancellationToken)
    {
        var texts = flows.Engine.Bundle.Texts;
        if (reply.Menu.Count == 0 || texts.Resolve(SosTextKey, TextCatalog.DefaultLanguage, Channel.Chat).IsMissing)
        {
            return ChatReplies.SosValue;
        }

        var chosen = reply.Events.OfType<LanguageChosen>().LastOrDefault()?.Language
            ?? (await contacts.LoadAsync(contactId, cancellationToken)).Profile?.Language
            ?? language;
        var resolved = texts.Resolve(SosTextKey, chosen, Channel.Chat);
        return resolved.IsMissing || string.IsNullOrWhiteSpace(resolved.Text) ? ChatReplies.SosValue : resolved.Text.Trim();
    }

    private async Task DegradedAsync(Activity activity, InboundMessage message, InboundJournal journal, Exception problem, bool withToken, string contactId, CancellationToken cancellationToken)
    {
        try
        {
            journal.Append(message, TimeProvider.System.GetUtcNow());
            LogJournaled(logger, problem.GetType().Name);
        }
        catch (IOException io)
        {
            LogLost(logger, io.Message);
        }

        metrics.Failed.Add(1, new KeyValuePair<string, object?>("channel", "chat"), new KeyValuePair<string, object?>("reason", "store_unavailable"));
        var text = DegradedReply.For(flows.Engine.Bundle, message.Text, country: null);
        await sender.SendAsync([activity.CreateReply(text)], activity.Id, withToken, contactId, cancellationToken);
    }

    /// <summary>
    /// Activity ids are unique within a conversation only, and a conversation id may name a person: the key is a
    /// hash of channel, conversation, activity and the person greeted.
    /// </summary>
    private static string DedupeKey(Activity activity, string personId)
    {
        var source = $"{activity.ChannelId}\n{activity.Conversation?.Id}\n{activity.Id}\n{personId}";
        return "chat:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..32];
    }

    private static bool IsStoreDown(Exception e) => RedisConnection.IsUnavailable(e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis cannot be reached ({Problem}): the chat message is journaled to disk and will be replayed; the person was given the hotline")]
    private static partial void LogJournaled(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Redis cannot be reached and the journal cannot be written ({Problem}): this chat message is LOST; the person was given the hotline")]
    private static partial void LogLost(ILogger logger, string problem);
}
