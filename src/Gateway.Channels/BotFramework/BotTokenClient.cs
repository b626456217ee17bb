using System.Globalization;
using System.Text.Json;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// The gateway's own token for the Bot Framework connector, from the OAuth client-credentials grant
/// (<c>POST</c> form grant_type=client_credentials, client_id, client_secret, scope). One token serves every reply
/// until shortly before it expires (five minutes, or half its lifetime when that is shorter); concurrent callers
/// wait for one request. Safe for concurrent use.
/// </summary>
/// <example>
/// The endpoint answers <c>{"token_type":"Bearer","expires_in":3599,"access_token":"eyJ…"}</c>.
/// </example>
public sealed class BotTokenClient(HttpClient http, BotAppCredentials credentials, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public BotAppCredentials Credentials { get; } = credentials;

    /// <summary>How many tokens were requested (for operators and tests).</summary>
    public int Requests { get; private set; }

    /// <summary>A valid token, from the cache or a new request. Throws <see cref="BotTokenException"/> when none can be had.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && clock.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && clock.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var (token, lifetime) = await RequestAsync(cancellationToken);
            var margin = lifetime / 2 < Margin ? lifetime / 2 : Margin;
            _current = (token, clock.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the connector refused it), so the next call asks for a new one.</summary>
    public void Invalidate(string token)
    {
        if (_current is { } cached && cached.Token == token)
        {
            _current = null;
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        Requests++;
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", Credentials.AppId),
            new("client_secret", Credentials.AppPassword),
            new("scope", Credentials.Scope),
        ]);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(Credentials.TokenEndpoint, form, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BotTokenException($"The token endpoint {Credentials.TokenEndpoint} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BotTokenException($"The token endpoint {Credentials.TokenEndpoint} did not answer in time.", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(body);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new BotTokenException($"The token endpoint answered {status} without JSON.") { Status = status };
            }

            if (!response.IsSuccessStatusCode)
            {
                // "error" is an OAuth code such as invalid_client; the description may hold ids, so it is left out.
                var error = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                throw new BotTokenException($"The token endpoint refused the app's credentials: {status} {error ?? "(no error code)"}. Check BotFramework:AppId and BotFramework:AppPassword.") { Status = status };
            }

            if (json.ValueKind != JsonValueKind.Object
                || !json.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String
                || accessToken.GetString() is not { Length: > 0 } token)
            {
                throw new BotTokenException($"The token endpoint answered {status} without an access_token.") { Status = status };
            }

            return (token, Lifetime(json));
        }
    }

    private static TimeSpan Lifetime(JsonElement json)
    {
        // Azure AD v1 wrote expires_in as a string, v2 as a number.
        if (json.TryGetProperty("expires_in", out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        // Without a lifetime the token is used for a minute only.
        return TimeSpan.FromMinutes(2);
    }
}
