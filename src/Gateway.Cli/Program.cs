using Gateway.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
Console.InputEncoding = System.Text.Encoding.UTF8;
return CliApp.Run(args, Console.In, Console.Out, Console.Error, interactive: !Console.IsInputRedirected);
