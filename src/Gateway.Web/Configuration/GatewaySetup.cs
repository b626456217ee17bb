using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Jobs;
using Gateway.Infrastructure.Security;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Messaging;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

namespace Gateway.Web.Configuration;

/// <summary>What the host adds: options, storage (embedded or Redis), jobs, flows and the message path.</summary>
public static class GatewaySetup
{
    /// <summary>True when no Redis connection string is configured: the embedded default.</summary>
    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));

    public static WebApplicationBuilder AddGatewayOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section);
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.InvisibilityTimeout > TimeSpan.Zero && o.AbandonedJobCheckInterval >= TimeSpan.FromSeconds(1), "Jobs:InvisibilityTimeout must be more than zero and Jobs:AbandonedJobCheckInterval at least one second.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Faults.ICrashPoints, Faults.NoCrashPoints>();
        return builder;
    }

    /// <summary>In-memory stores and Hangfire.InMemory without Redis; Redis stores and Hangfire on Redis with it.</summary>
    public static WebApplicationBuilder AddGatewayStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        if (configuration.IsEmbedded())
        {
            services.AddSingleton(string.IsNullOrWhiteSpace(gateway.DataKey) ? DataKey.Generate() : DataKey.FromBase64(gateway.DataKey));
            services.AddSingleton<IContactStore, InMemoryContactStore>();
            services.AddSingleton<IMessageDedupe, InMemoryMessageDedupe>();
            services.AddSingleton<IInboundCounter, InMemoryInboundCounter>();
            services.AddSingleton<IReportStore, InMemoryReportStore>();
            services.AddSingleton<IAccountStore, InMemoryAccountStore>();
            services.AddSingleton(_ => JobStorageFactory.InMemory());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(gateway.DataKey))
            {
                throw new InvalidOperationException("Gateway:DataKey is required with Redis: contact ids and sealed numbers must survive a restart. Generate one with `openssl rand -base64 32` and set Gateway__DataKey.");
            }

            services.AddSingleton(DataKey.FromBase64(gateway.DataKey));
            // One server, a Sentinel set (serviceName=) or a Cluster (several endpoints): RedisConnection.
            var options = RedisConnection.Options(configuration.GetConnectionString("Redis")!);
            // A message must be answered well within the provider's webhook timeout even when Redis is gone.
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
            options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
            // Read replies on the .NET thread pool rather than on the client's own reader threads: every message
            // waits on several replies, and handing each one over from a reader thread to the thread pool was a
            // large part of a webhook's cost on a small machine (docs/benchmarks.md, "Inbound SMS over HTTP").
            options.SocketManager = SocketManager.ThreadPool;
            // Hangfire's storage calls are synchronous: during a flood of SOS messages every request that schedules a
            // step blocks a pool thread on a Redis reply that is itself read on the pool. Start with enough threads
            // that a burst does not wait for the pool to grow (it grows by about one thread a second) and time out.
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
            services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection)), "gateway"));
            AddReplicaWait(services, options);
            services.AddSingleton<IContactStore, RedisContactStore>();
            services.AddSingleton<IMessageDedupe, RedisMessageDedupe>();
            services.AddSingleton<IInboundCounter, RedisInboundCounter>();
            services.AddSingleton<IReportStore, RedisReportStore>();
            services.AddSingleton<IAccountStore, RedisAccountStore>();
            // Before the job server and the workers: a process with another data key must not start them.
            services.AddSingleton<DataKeyFingerprint>();
            services.AddHostedService<DataKeyCheck>();
            // Hangfire's client and workers call Redis synchronously, from request and worker threads: on a connection
            // of its own whose replies are read on the client's own threads, so that a blocked thread-pool thread
            // never waits for a reply that needs a thread-pool thread to be read (under load that wait ran out after
            // 2 s and an SOS failed; docs/benchmarks.md, "Escalation lateness and memory").
            // Its calls are not the first of a message (a message whose Redis is gone fails on reading the contact), and
            // one that fails after the report is stored loses the chain's next step: they may wait longer.
            var jobsOptions = options.Clone();
            jobsOptions.SocketManager = SocketManager.Shared;
            jobsOptions.SyncTimeout = jobsOptions.AsyncTimeout = 5000;
            services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value.RedisStorage(RedisConnection.Connect(jobsOptions, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection)), "jobs")));
        }

        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((sp, server) =>
        {
            // This server's own filter, not a global one: it holds this process's data key check.
            var filters = new JobFilterCollection { new DataKeyJobFilter(sp.GetService<DataKeyFingerprint>()) };
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, filters);
            var defaults = JobStorageFactory.ServerOptions();
            server.SchedulePollingInterval = defaults.SchedulePollingInterval;
            server.WorkerCount = defaults.WorkerCount;
            server.MaxDegreeOfParallelismForSchedulers = defaults.MaxDegreeOfParallelismForSchedulers;
        });
        return builder;
    }

    /// <summary>
    /// Writes acknowledged to a person wait for the replicas asked for (decision 0011), on a connection of their own
    /// whose replies may take the whole wait, so that a wait never holds up other requests.
    /// </summary>
    private static void AddReplicaWait(IServiceCollection services, ConfigurationOptions options)
    {
        services.AddOptions<DurableWriteOptions>().BindConfiguration(DurableWriteOptions.Section)
            .Validate(o => o.DurableReplicas >= 0 && o.DurableTimeout > TimeSpan.Zero && o.DurableTimeout <= TimeSpan.FromSeconds(10), "Redis:DurableReplicas must be 0 or more, and Redis:DurableTimeout more than zero and at most 10 seconds (a person waits for it).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var durable = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableWriteOptions>>().Value;
            var waitOptions = options.Clone();
            waitOptions.AsyncTimeout = waitOptions.SyncTimeout = (int)durable.DurableTimeout.TotalMilliseconds + 2000;
            return new ReplicaWait(async () => await ConnectionMultiplexer.ConnectAsync(waitOptions), durable.DurableReplicas, durable.DurableTimeout);
        });
    }

    public static WebApplicationBuilder AddGatewayMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FlowHost>();
        builder.Services.AddHostedService<FlowFileWatcher>();
        if (!builder.Configuration.IsEmbedded())
        {
            builder.Services.AddSingleton<Infrastructure.Flows.RedisFlowRevisions>();
            builder.Services.AddHostedService<FlowRevisionSync>();
            builder.Services.AddSingleton<InboundJournal>();
            builder.Services.AddSingleton<JournalReplayer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<JournalReplayer>());
        }

        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.Section)
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1) && o.MaxPerSender >= 0 && o.MaxPerChannel >= 0, "Inbound:Window must be at least one second, and Inbound:MaxPerSender and Inbound:MaxPerChannel 0 (no limit) or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InboundLimiter>();
        builder.Services.AddSingleton<MessageProcessor>();
        return builder;
    }
}
