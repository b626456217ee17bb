namespace Gateway.Channels; internal static class Empty { }
