// case: left-alone
using System;
using System.Threading.Tasks;

public static class TaskExtensions
{
    public static void Forget(this Task task) { }
    public static void FireAndForget(this Task task) { }
    public static void SafeFireAndForget(this Task task, Action<Exception> onException = null) { }
    public static void FileAndForget(this Task task, string faultEventName) { }
}

public class Cache
{
    public async Task WarmAsync()
    {
        await Task.Yield();
        LoadAsync().Forget();
        LoadAsync().FireAndForget();
        LoadAsync().SafeFireAndForget(e => Console.WriteLine(e));
        // The Visual Studio SDK's helper takes a fault event name.
        LoadAsync().FileAndForget("cache/warm");
    }

    private Task LoadAsync() => Task.CompletedTask;
}
