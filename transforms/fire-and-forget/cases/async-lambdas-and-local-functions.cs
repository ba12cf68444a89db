// case: rewrite
using System;
using System.Threading.Tasks;

public class Jobs
{
    public void Schedule(Func<Task> job) { }

    public async Task RunAsync()
    {
        Schedule(async () =>
        {
            await Task.Yield();
            CleanupAsync();
        });
        await LocalAsync();

        async Task LocalAsync()
        {
            await Task.Yield();
            CleanupAsync();
        }
    }

    private Task CleanupAsync() => Task.CompletedTask;
}
