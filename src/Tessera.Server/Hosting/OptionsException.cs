namespace Tessera.Server.Hosting;

/// <summary>A configuration value that stops start-up; the message names the variable and what is wrong.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException(string variable, string problem)
        : base($"{variable} {problem}") => Variable = variable;

    public OptionsException()
    {
        Variable = "";
    }

    public OptionsException(string message)
        : base(message) => Variable = "";

    public OptionsException(string message, Exception innerException)
        : base(message, innerException) => Variable = "";

    public string Variable { get; }
}