// case: left-alone
using System;
using System.Threading.Tasks;

public class Pipeline
{
    public delegate void StepDone(string name);
    public delegate Task StepDoneAsync(string name);

    private Action _onIdle = async () => await FlushAsync();

    public void Run(StepDone done, StepDoneAsync doneAsync) { }

    public async Task StartAsync()
    {
        Action<string> log = async line => await WriteAsync(line);
        EventHandler handler = async (s, e) => await FlushAsync();
        // Delegates that return a task: not sites.
        Func<Task> flush = async () => await FlushAsync();
        StepDoneAsync next = async name => await WriteAsync(name);
        // A delegate this file declares to return void.
        Run(async name => await WriteAsync(name), next);
        await flush();
    }

    private static Task FlushAsync() => Task.CompletedTask;

    private static Task WriteAsync(string line) => Task.CompletedTask;
}
