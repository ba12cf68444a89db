// case: left-alone
using System;
using System.Threading.Tasks;

public static class TaskExtensions
{
    public static void Forget(this Task task) { }
    public static void FireAndForget(this Task task) { }
    public static void SafeFireAndForget(this Task task, Action<Exception> onException = null) { }
}

public class Cache
{
    public async Task WarmAsync()
    {
        await Task.Yield();
        LoadAsync().Forget();
        LoadAsync().FireAndForget();
        LoadAsync().SafeFireAndForget(e => Console.WriteLine(e));
    }

    private Task LoadAsync() => Task.CompletedTask;
}
