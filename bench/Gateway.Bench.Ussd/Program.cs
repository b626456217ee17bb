using Gateway.Bench.Ussd;

// Two ways to start: the benchmark itself, or (with --baseline-server) the bare Kestrel endpoint it measures
// the gateway against, started by the benchmark as a child process like the gateway.
if (args.Length > 0 && args[0] == BaselineServer.Switch)
{
    await BaselineServer.RunAsync(args[1..]);
    return 0;
}

var options = UssdBenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(UssdBenchOptions.Usage);
    return 1;
}

return await UssdBench.RunAsync(options);
