namespace Gateway.Infrastructure; internal static class Empty { }
