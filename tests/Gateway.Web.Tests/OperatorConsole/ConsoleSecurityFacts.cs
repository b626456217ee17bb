using System.Net;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Gateway.Web.Configuration;
using Gateway.Web.Tests.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The console behind its TLS proxy: Secure cookies and HSTS when the public base URL is https, forwarded headers
/// believed from trusted proxies only, and the password change form held to the sign-in's lock-out and policy.
/// </summary>
public sealed partial class ConsoleSecurityFacts : IDisposable
{
    private const string StrongPassword = "tamarind kite orbit pillow";
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task Cookies_AreSecure_AndHstsIsSent_WhenThePublicBaseUrlIsHttps_EvenOverThePlainHttpFromTheProxy()
    {
        var factory = Own(new GatewayFactory());
        var (account, _) = await AccountAsync(factory);
        var client = Client(factory, "http://localhost");

        using var page = await client.GetAsync("/console/sign-in");
        var antiforgery = SetCookie(page, "gw_console_af");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TransportSecurity.HstsValue, page.Headers.GetValues("Strict-Transport-Security").Single());

        // The browser reaches the console over https; the proxy passes it on over plain HTTP.
        var browser = Client(factory, "https://localhost");
        var token = Token(await browser.GetStringAsync("/console/sign-in"));
        using var signedIn = await PostAsync(browser, "/console/sign-in", token, ("account", account.Id), ("password", StrongPassword));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = SetCookie(signedIn, "gw_console");
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookies_AreNotSecure_AndNoHsts_OnAPlainHttpGateway()
    {
        var factory = Own(new GatewayFactory(settings: new Dictionary<string, string?> { ["Gateway:PublicBaseUrl"] = "http://gw.example.org" }));

        using var page = await Client(factory, "http://gw.example.org").GetAsync("/console/sign-in");

        Assert.DoesNotContain("secure", SetCookie(page, "gw_console_af"), StringComparison.OrdinalIgnoreCase);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("203.0.113.9", null, false)]
    [InlineData("127.0.0.1", null, false)]
    [InlineData("203.0.113.9", "203.0.113.9", true)]
    [InlineData("203.0.113.9", "10.0.0.2, 203.0.113.0/24", true)]
    [InlineData("198.51.100.7", "203.0.113.0/24", false)]
    public async Task ForwardedProto_IsBelieved_OnlyFromATrustedProxy(string remote, string? trusted, bool believed)
    {
        // A plain-HTTP gateway: only a request the gateway believes came over https gets HSTS.
        var factory = Own(new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Gateway:PublicBaseUrl"] = "http://gw.example.org",
            ["Gateway:TrustedProxies"] = trusted,
        }));
        var host = Own(factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote))))));
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://gw.example.org"), AllowAutoRedirect = false });
        Own(client);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.200");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(believed, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/33")]
    public void TrustedProxies_ThatAreNotAddresses_StopTheStart_WithASentence(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TransportSecurity.TrustedProxies(setting));

        Assert.Contains("Gateway__TrustedProxies", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither an IP address nor a network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswords_CountTowardTheLockOut_AndAreLoggedWithoutThePassword()
    {
        var factory = Own(new GatewayFactory());
        var (account, store) = await AccountAsync(factory);
        var client = await SignedInAsync(factory, account.Id);

        for (var i = 1; i < Account.MaxFailedSignIns; i++)
        {
            var html = await ChangeAsync(client, "guess-number-" + i, "walnut ferry lantern cobalt");
            Assert.Contains("The current password is wrong", html, StringComparison.Ordinal);
            Assert.Equal(i, (await store.FindAccountAsync(account.Id))!.FailedSignIns);
        }

        var locked = await ChangeAsync(client, "guess-number-last", "walnut ferry lantern cobalt");
        Assert.Contains("locked", locked, StringComparison.Ordinal);
        Assert.True((await store.FindAccountAsync(account.Id))!.IsLockedOut(DateTimeOffset.UtcNow));

        // Locked: even the right current password changes nothing, and sign-in is locked too.
        var refused = await ChangeAsync(client, StrongPassword, "walnut ferry lantern cobalt");
        Assert.Contains("locked", refused, StringComparison.Ordinal);
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success,
            factory.Services.GetRequiredService<AccountPasswords>().Verify(await store.FindAccountAsync(account.Id), StrongPassword));
        var signIn = factory.Services.GetRequiredService<Web.OperatorConsole.ConsoleSignIn>();
        Assert.Equal(Web.OperatorConsole.SignInOutcome.LockedOut, (await signIn.SignInAsync(account.Id, StrongPassword, default)).Outcome);

        Assert.Contains(factory.Logs, l => l.Contains($"Console password change refused for account {account.Id}: wrong_current_password", StringComparison.Ordinal));
        Assert.Contains(factory.Logs, l => l.Contains($"Console password change refused for account {account.Id}: wrong_current_password_locked", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, l => l.Contains("guess-number", StringComparison.Ordinal) || l.Contains("walnut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangePassword_RefusesAGuessablePassword_WithASentence_AndTakesAStrongOne()
    {
        var factory = Own(new GatewayFactory());
        var (account, _) = await AccountAsync(factory);
        var client = await SignedInAsync(factory, account.Id);

        var weak = await ChangeAsync(client, StrongPassword, "Password1234!");
        Assert.Contains("This password is too easy to guess", weak, StringComparison.Ordinal);
        var named = await ChangeAsync(client, StrongPassword, "Responder desk 2024");
        Assert.Contains("This password is too easy to guess", named, StringComparison.Ordinal);

        var changed = await ChangeAsync(client, StrongPassword, "walnut ferry lantern cobalt");
        Assert.Contains("Your password is changed", changed, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private HttpClient Client(GatewayFactory factory, string baseAddress) =>
        Own(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true }));

    private async Task<HttpClient> SignedInAsync(GatewayFactory factory, string accountId)
    {
        // The console is reached over https (the cookies are Secure).
        var client = Client(factory, "https://localhost");
        var token = Token(await client.GetStringAsync("/console/sign-in"));
        using var response = await PostAsync(client, "/console/sign-in", token, ("account", accountId), ("password", StrongPassword));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> ChangeAsync(HttpClient client, string current, string next)
    {
        var token = Token(await client.GetStringAsync("/console/account"));
        using var response = await PostAsync(client, "/console/account", token, ("current", current), ("next", next));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(Account Account, IAccountStore Store)> AccountAsync(GatewayFactory factory)
    {
        var store = factory.Services.GetRequiredService<IAccountStore>();
        var seeded = await AccountSeed.AccountAsync(factory.Services, Role.Responder);
        var passwords = factory.Services.GetRequiredService<AccountPasswords>();
        var account = await store.UpdateAccountAsync(seeded.Account.Id, a => a with { Name = "Responder desk", PasswordHash = passwords.Hash(a, StrongPassword) });
        return (account!, store);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)).ToList();
        return client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) && values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"The answer sets no {name} cookie.");

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Makes every request come from <paramref name="address"/>, as a proxy in front of the gateway would.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
