using Gateway.Web.Chat;
using Gateway.Web.Configuration;
using Gateway.Web.Health;
using Gateway.Web.Outbound;
using Gateway.Web.Simulator;
using Gateway.Web.Sms;

var builder = WebApplication.CreateBuilder(args);

// Services: options, storage (embedded or Redis) with jobs, flows, the message path, outbound SMS and chat.
builder.AddGatewayOptions();
builder.AddGatewayStorage();
builder.AddGatewayMessaging();
builder.AddGatewayOutbound();
builder.AddGatewayChat();

var app = builder.Build();
app.CheckGatewayStartup();

// Endpoints, by feature.
app.MapTwilioSms();
app.MapTwilioStatus();
app.MapChat(embedded: app.Configuration.IsEmbedded());
app.MapOutboundApi(embedded: app.Configuration.IsEmbedded());
app.MapSimulator(enabled: app.Configuration.IsEmbedded());
app.MapHealth();
app.MapGet("/", () => Results.Redirect(app.Configuration.IsEmbedded() ? "/simulator/" : "/health/ready"));

app.Run();

/// <summary>The host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
