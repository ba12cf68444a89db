// case: left-alone
using System;
using System.Threading.Tasks;

public class Retry
{
    public static void Run(Action action, int times)
    {
        for (var i = 0; i < times; i++) action();
    }

    public static async Task RunAsync(Func<Task> action, int times)
    {
        for (var i = 0; i < times; i++) await action();
    }

    public static void OnEach(int count, Action<int> action) { }

    public async Task UseAsync()
    {
        Run(async () => await SaveAsync(), 3);
        OnEach(count: 2, action: async i => await SaveAsync());
        // Takes a Func<Task>: not a site.
        await RunAsync(async () => await SaveAsync(), 3);
    }

    private Task SaveAsync() => Task.CompletedTask;
}
