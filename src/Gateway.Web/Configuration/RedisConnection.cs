using StackExchange.Redis;

namespace Gateway.Web.Configuration;

/// <summary>
/// The gateway's connections to Redis: one server (<c>redis:6379,password=…</c>), a Sentinel set (the sentinels'
/// endpoints and <c>serviceName=</c>, the name the sentinels monitor) or a Cluster (several of its nodes'
/// endpoints). Whatever the shape, the connection checks the servers' roles and the cluster's slots every
/// <see cref="DefaultConfigCheckSeconds"/> seconds unless the connection string says otherwise, and every change it
/// sees (a lost or restored connection, a new primary) goes to the log, so that an operator can tell a failover
/// from an outage (docs/operations.md, "Sentinel and Cluster").
/// </summary>
public static partial class RedisConnection
{
    /// <summary>
    /// How often the connection asks the servers for their roles and slots. The client's own default (60 s) kept
    /// writing to a demoted primary, or to a shard's old owner, for up to a minute after a failover; 5 s bounds that
    /// to a few seconds while costing each server one small command per connection every 5 s.
    /// </summary>
    public const int DefaultConfigCheckSeconds = 5;

    /// <summary>The options of <paramref name="connectionString"/> with the gateway's defaults where it sets none.</summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        if (!connectionString.Contains("configCheckSeconds", StringComparison.OrdinalIgnoreCase))
        {
            options.ConfigCheckSeconds = DefaultConfigCheckSeconds;
        }

        return options;
    }

    /// <summary>
    /// Connects (to the primary the sentinels name, when <c>serviceName=</c> is set) and logs the connection's
    /// changes under <paramref name="name"/> (which connection it is: the gateway's own or the jobs').
    /// </summary>
    public static ConnectionMultiplexer Connect(ConfigurationOptions options, ILogger logger, string name)
    {
        var connection = ConnectionMultiplexer.Connect(options);
        Watch(connection, logger, name);
        return connection;
    }

    /// <summary>
    /// Logs a connection's failures, restorations and changes of role or slots. Only endpoints, the kind of
    /// failure and the client's error text are logged: none of them carries a number or what a person wrote.
    /// </summary>
    public static void Watch(IConnectionMultiplexer connection, ILogger logger, string name)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.ConnectionFailed += (_, e) =>
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                LogFailed(logger, name, Describe(e.EndPoint), e.ConnectionType, e.FailureType, e.Exception?.Message ?? "no error text");
            }
        };
        connection.ConnectionRestored += (_, e) => LogRestored(logger, name, e.EndPoint, e.ConnectionType);
        connection.ConfigurationChanged += (_, e) =>
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                LogChanged(logger, name, Describe(e.EndPoint), Roles(connection));
            }
        };
        connection.ConfigurationChangedBroadcast += (_, e) => LogBroadcast(logger, name, e.EndPoint);
    }

    /// <summary>
    /// True when <paramref name="e"/> means the store cannot take the request now: no connection, a timeout, or,
    /// during a failover, a write the client will not send because the server it knows for the key has just become
    /// a replica (a <see cref="RedisCommandException"/>, which is not a <see cref="RedisException"/>). Such a
    /// message is journaled and the person given the hotline, as when Redis is down.
    /// </summary>
    public static bool IsUnavailable(Exception e) =>
        e is RedisException or TimeoutException
        || (e is RedisCommandException && e.Message.Contains("replica", StringComparison.OrdinalIgnoreCase));

    /// <summary>"127.0.0.1:7000 primary, 127.0.0.1:7001 replica": what the connection now believes of each server.</summary>
    public static string Roles(IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return string.Join(", ", connection.GetServers().Select(s => $"{Describe(s.EndPoint)} {(s.IsConnected ? s.IsReplica ? "replica" : "primary" : "unreachable")}"));
    }

    private static string Describe(System.Net.EndPoint? endPoint) => endPoint is null ? "(no endpoint)" : EndPointCollection.ToString(endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection ({Name}) to {EndPoint} ({ConnectionType}) failed: {FailureType}, {Problem}. Messages that need it get the hotline and are journaled until it is back or another server takes over")]
    private static partial void LogFailed(ILogger logger, string name, string endPoint, ConnectionType connectionType, ConnectionFailureType failureType, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection ({Name}) to {EndPoint} ({ConnectionType}) is back")]
    private static partial void LogRestored(ILogger logger, string name, System.Net.EndPoint? endPoint, ConnectionType connectionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis ({Name}) changed its configuration at {EndPoint} (a failover, a new replica or moved slots); the connection now sees: {Roles}")]
    private static partial void LogChanged(ILogger logger, string name, string endPoint, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis ({Name}): {EndPoint} announced a configuration change; the connection checks the servers' roles again")]
    private static partial void LogBroadcast(ILogger logger, string name, System.Net.EndPoint? endPoint);
}
