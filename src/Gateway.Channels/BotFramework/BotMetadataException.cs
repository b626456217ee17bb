namespace Gateway.Channels.BotFramework;

/// <summary>The Bot Framework's OpenID metadata or keys could not be read: no token can be checked until they can.</summary>
public sealed class BotMetadataException : Exception
{
    public BotMetadataException()
    {
    }

    public BotMetadataException(string message)
        : base(message)
    {
    }

    public BotMetadataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
