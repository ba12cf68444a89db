// case: left-alone
using System;
using System.Threading.Tasks;

public class Poller
{
    public async Task PollAsync()
    {
        await Task.Yield();
        // An OnlyOnFaulted continuation observes the failure; awaiting it would throw when the work succeeds.
        FetchAsync().ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
    }

    private Task FetchAsync() => Task.CompletedTask;
}
