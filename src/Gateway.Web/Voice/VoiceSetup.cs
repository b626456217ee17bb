namespace Gateway.Web.Voice;

/// <summary>The voice hotline's options, recordings and call-backs.</summary>
public static class VoiceSetup
{
    public static WebApplicationBuilder AddGatewayVoice(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<VoiceOptions>().BindConfiguration(VoiceOptions.Section)
            .Validate(o => o.MaxCallBacksPerDay >= 0 && o.GatherTimeoutSeconds is >= 1 and <= 60 && o.DialTimeoutSeconds is >= 5 and <= 600,
                "Voice:MaxCallBacksPerDay must be 0 or more, Voice:GatherTimeoutSeconds 1 to 60 and Voice:DialTimeoutSeconds 5 to 600.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VoiceAudio>();
        builder.Services.AddSingleton<CallBacks>();
        return builder;
    }
}
