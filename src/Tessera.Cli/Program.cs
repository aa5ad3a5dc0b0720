using Tessera.Cli;

return TesseraCommand.Invoke(args);