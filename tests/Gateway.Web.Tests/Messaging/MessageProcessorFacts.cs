using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Messaging;

public sealed class MessageProcessorFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public MessageProcessorFacts() => _ = _factory.Services;

    public void Dispose() => _factory.Dispose();

    private async Task<IReadOnlyList<string>> SendAsync(string channel, string address, string text) =>
        (await _factory.Services.GetRequiredService<MessageProcessor>().ProcessAsync(new InboundMessage(channel, address, text, null), CancellationToken.None)).Messages;

    private Task<ContactSnapshot> ContactAsync(string e164) =>
        _factory.Services.GetRequiredService<IContactStore>().LoadAsync(_factory.Services.GetRequiredService<DataKey>().ContactId(e164));

    [Fact]
    public async Task OnePerson_IsOneContact_WhicheverChannelAndNumberFormat()
    {
        await SendAsync("sms", "+66 81 234 0042", "hello");
        await SendAsync("sms", "+66812340042", "2");
        var reply = await SendAsync("ussd", "0066812340042", "MENU");

        var contact = await ContactAsync("+66812340042");
        Assert.Equal(["sms", "ussd"], contact.Profile!.Channels);
        Assert.Equal("my", contact.Profile.Language);
        Assert.Equal("TH", contact.Profile.Country);
        Assert.StartsWith("ဘေးကင်းစွာ", Assert.Single(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptedOutPerson_HearsNothing_UntilTheyOptBackIn()
    {
        await SendAsync("sms", "+66812340043", "hello");
        Assert.Single(await SendAsync("sms", "+66812340043", "STOP"));
        Assert.True((await ContactAsync("+66812340043")).Profile!.OptedOut);

        Assert.Empty(await SendAsync("sms", "+66812340043", "MENU"));

        Assert.Contains("Welcome back", Assert.Single(await SendAsync("sms", "+66812340043", "START")), StringComparison.Ordinal);
        Assert.False((await ContactAsync("+66812340043")).Profile!.OptedOut);
        Assert.NotEmpty(await SendAsync("sms", "+66812340043", "MENU"));
    }

    [Theory]
    [InlineData("STOPALL")]
    [InlineData("unsubscribe")]
    [InlineData("Cancel")]
    [InlineData("ရပ်ပါ")]
    public async Task OptOutWords_StopEverything_AndYesResumesOnlyWhileOptedOut(string stop)
    {
        await SendAsync("sms", "+66812340045", "hello");
        Assert.NotEmpty(await SendAsync("sms", "+66812340045", "YES"));
        Assert.False((await ContactAsync("+66812340045")).Profile!.OptedOut);

        Assert.Single(await SendAsync("sms", "+66812340045", stop));
        Assert.True((await ContactAsync("+66812340045")).Profile!.OptedOut);
        Assert.Empty(await SendAsync("sms", "+66812340045", "SOS"));

        Assert.Single(await SendAsync("sms", "+66812340045", "yes"));
        Assert.False((await ContactAsync("+66812340045")).Profile!.OptedOut);
    }

    [Fact]
    public async Task Number_IsKeptSealed_OnlyWhenThePersonAgreedToBeTextedBack()
    {
        // Language, report, labour, send it, not under 18, no place, another province, for me, may NOT text …
        foreach (var text in new[] { "hello", "1", "5", "2", "1", "2", "1", "2", "1", "2" })
        {
            await SendAsync("sms", "+66812340044", text);
        }

        Assert.Null((await ContactAsync("+66812340044")).Profile!.EncryptedAddress);

        // … but may call back: the number is needed, so it is kept sealed.
        await SendAsync("sms", "+66812340044", "1");

        var sealedNumber = (await ContactAsync("+66812340044")).Profile!.EncryptedAddress;
        Assert.NotNull(sealedNumber);
        Assert.Equal("+66812340044", _factory.Services.GetRequiredService<DataKey>().Open(sealedNumber));
    }
}
