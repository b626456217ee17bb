using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Outbound;

/// <summary>
/// <c>GET /api/outbound/{id}</c> and <c>GET /api/outbound/failed</c>: where each outbound message stands, for
/// operators. Never the number or the text. Served with the X-Admin-Key header when Outbound__AdminApiKey is set,
/// otherwise only in the embedded default, until the console's sign-in protects it.
/// </summary>
public static class OutboundApi
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapOutboundApi(this IEndpointRouteBuilder app, bool embedded)
    {
        var group = app.MapGroup("/api/outbound").AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<OutboundOptions>>().CurrentValue.AdminApiKey;
            if (string.IsNullOrEmpty(key))
            {
                return embedded
                    ? await next(context)
                    : Results.Text("/api/outbound is served only in the embedded default, or with Outbound__AdminApiKey set.", statusCode: StatusCodes.Status404NotFound);
            }

            var given = context.HttpContext.Request.Headers[AdminKeyHeader].ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key))
                ? await next(context)
                : Results.Text($"The {AdminKeyHeader} header is missing or wrong.", statusCode: StatusCodes.Status401Unauthorized);
        });

        group.MapGet("/failed", async Task<Ok<IEnumerable<OutboundView>>> (IOutbox outbox, int? limit, CancellationToken cancellationToken) =>
            TypedResults.Ok((await outbox.ListFailedAsync(Math.Clamp(limit ?? 50, 1, 500), cancellationToken)).Select(OutboundView.From)));
        group.MapGet("/{id}", async Task<Results<Ok<OutboundView>, NotFound>> (string id, IOutbox outbox, CancellationToken cancellationToken) =>
            await outbox.LoadAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(OutboundView.From(entry.Message)) : TypedResults.NotFound());
        return app;
    }

    /// <summary>One outbound message as operators see it.</summary>
    public sealed record OutboundView(
        string Id,
        string ContactId,
        string Purpose,
        string State,
        int Attempts,
        bool PossibleDuplicate,
        string? ProviderSid,
        string? ProviderStatus,
        int? ErrorCode,
        string? Error,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? NextAttemptAt,
        DateTimeOffset? SentAt,
        DateTimeOffset? StatusAt)
    {
        public static OutboundView From(OutboundMessage m)
        {
            ArgumentNullException.ThrowIfNull(m);
            return new(m.Id, m.ContactId, m.Purpose, m.State.ToString().ToLowerInvariant(), m.Attempts, m.PossibleDuplicate, m.ProviderSid,
                m.ProviderStatus, m.ErrorCode, m.Error, m.CreatedAt, m.UpdatedAt, m.NextAttemptAt, m.SentAt, m.StatusAt);
        }
    }
}
