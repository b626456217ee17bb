using Gateway.Web.Accounts;
using Gateway.Web.Chat;
using Gateway.Web.CheckIns;
using Gateway.Web.Configuration;
using Gateway.Web.Health;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Outbound;
using Gateway.Web.Reports;
using Gateway.Web.Simulator;
using Gateway.Web.Sms;
using Gateway.Web.Studio;
using Gateway.Web.Ussd;
using Gateway.Web.Voice;

// `healthcheck`: this process only asks a running gateway whether it is ready (the container's healthcheck).
if (HealthProbe.IsRequested(args))
{
    Environment.ExitCode = await HealthProbe.RunAsync(HealthProbe.ReadyUrl(args, Environment.GetEnvironmentVariable), Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Services: options, storage (embedded or Redis) with jobs, flows, the message path, outbound SMS, accounts,
// reports with their escalation, check-ins, USSD, chat, voice and the operator console.
builder.AddGatewayOptions();
builder.AddGatewayTransportSecurity();
builder.AddGatewayStorage();
builder.AddGatewayMessaging();
builder.AddGatewayOutbound();
builder.AddGatewayAccounts();
builder.AddGatewayReports();
builder.AddGatewayCheckIns();
builder.AddGatewayUssd();
builder.AddGatewayChat();
builder.AddGatewayVoice();
builder.AddGatewayConsole();
builder.AddGatewayStudio();

var app = builder.Build();
app.AnnounceGateway();
app.CheckGatewayStartup();
app.CheckUssdStartup();
app.Services.GetRequiredService<EscalationHealth>().Announce(embedded: app.Configuration.IsEmbedded());
app.UseGatewayTransportSecurity();
app.UseAuthentication();
app.UseAuthorization();

// Endpoints, by feature.
app.MapTwilioSms();
app.MapTwilioStatus();
app.MapUssd();
app.MapVoice();
app.MapAccountsApi();
app.MapReportsApi();
app.MapActionLinks();
app.MapStudioApi();
app.MapChat(embedded: app.Configuration.IsEmbedded());
app.MapOutboundApi(embedded: app.Configuration.IsEmbedded());
app.MapSimulator(open: app.Configuration.IsEmbedded());
app.MapHealth();
app.MapGatewayConsole();
EscalationHealth.MapEscalationHealth(app);
app.MapGet("/", () => Results.Redirect(app.Configuration.IsEmbedded() ? "/simulator/" : "/health/ready"));

app.Run();

/// <summary>The host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
