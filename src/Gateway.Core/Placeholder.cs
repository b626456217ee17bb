namespace Gateway.Core; public static class Placeholder { }
