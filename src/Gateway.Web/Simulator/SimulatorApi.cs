using Gateway.Web.Messaging;

namespace Gateway.Web.Simulator;

/// <summary>
/// <c>/simulator</c>: a phone in the browser that texts the gateway through the same path as SMS. Its contacts
/// and reports are marked as tests and never page anyone. Open to anyone in the embedded default; with Redis it
/// needs a console sign-in (any role), and a signed-out visitor is sent to <c>/console/sign-in</c>.
/// </summary>
public static class SimulatorApi
{
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app, bool open)
    {
        var group = app.MapGroup("/simulator");
        if (!open)
        {
            group.RequireAuthorization(Accounts.AccountPolicies.Viewer);
        }

        group.MapGet("/", () => Results.Stream(Page(), "text/html; charset=utf-8"));
        group.MapGet("/languages", (FlowHost flows) => Results.Json(
            flows.Engine.Bundle.Texts.Languages.Select(l => new { code = l.Code, name = l.Name }).OrderBy(l => l.code == "en" ? 0 : 1)));
        group.MapPost("/messages", async (SimulatedMessage body, MessageProcessor processor, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(body.Phone) || body.Phone.Length > 64 || body.Text is null || body.Text.Length > 1600)
            {
                return Results.BadRequest(new { error = "phone (up to 64 characters) and text (up to 1600) are required." });
            }

            if (body.Country is not null && !Core.Contacts.CountryCodes.IsKnown(body.Country))
            {
                return Results.BadRequest(new { error = $"country must be one of {string.Join(", ", Core.Contacts.CountryCodes.Known)}." });
            }

            var replies = (await processor.ProcessAsync(new InboundMessage("simulator", body.Phone, body.Text, null, IsTest: true, Language: body.Language, Country: body.Country) { Chosen = true }, cancellationToken)).Messages;
            return Results.Json(new { replies });
        }).DisableAntiforgery();
        return app;
    }

    private static Stream Page() =>
        typeof(SimulatorApi).Assembly.GetManifestResourceStream("Gateway.Web.Simulator.simulator.html")
        ?? throw new InvalidOperationException("The simulator page is missing from the build.");

    /// <summary>
    /// A message typed on the simulated phone. The page sends the language and country pickers' values with the first
    /// message and whenever a picker changed; they apply from that message on (null leaves the session's as they are).
    /// </summary>
    public sealed record SimulatedMessage(string Phone, string Text, string? Language, string? Country);
}
