using Tessera.Cli;

return TesseraCommand.Build().Parse(args).Invoke();