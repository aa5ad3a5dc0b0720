using Spectre.Console;

namespace Tessera.Cli.Server;

/// <summary>
/// A progress display on stderr for calls that can take a while (a large spec, many files). Drawn only when stderr
/// is an interactive terminal and the output is for people (<c>text</c> or <c>markdown</c>), so JSON and GitHub
/// output, logs and pipes never see it.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly IAnsiConsole? _console;

    private ProgressDisplay(IAnsiConsole? console) => _console = console;

    public static ProgressDisplay For(CliContext context, TextWriter stderr, string output) =>
        new(context.ErrorIsTerminal && output is "text" or "markdown"
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stderr),
                Interactive = InteractionSupport.Yes,
                ColorSystem = string.IsNullOrEmpty(context.Environment("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            })
            : null);

    public bool IsShown => _console is not null;

    /// <summary>
    /// Runs <paramref name="work"/> with a bar of <paramref name="total"/> steps (a spinner for one step), first described
    /// by <paramref name="description"/>. The work calls the step action with a description before each step.
    /// </summary>
    public async Task<T> RunAsync<T>(int total, string description, Func<Action<string>, Task<T>> work)
    {
        if (_console is null)
        {
            return await work(_ => { });
        }

        return await _console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new RemainingTimeColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                task.IsIndeterminate = total <= 1;
                var started = false;
                var result = await work(description =>
                {
                    if (started)
                    {
                        task.Increment(1);
                    }

                    started = true;
                    task.Description = Markup.Escape(description);
                });
                task.Value = task.MaxValue;
                return result;
            });
    }
}