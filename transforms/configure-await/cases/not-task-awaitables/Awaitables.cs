// case: left-alone
// What ConfigureAwait(false) cannot follow: Task.Yield(), an awaitable of the solution's own, a
// ConfiguredTaskAwaitable kept in a local or returned by a helper, and an expression of unknown type.
using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Awaitables
    {
        public async Task RunAsync(Task work, dynamic legacy)
        {
            await Task.Yield();
            await new Tick();
            var configured = work.ConfigureAwait(false);
            await configured;
            await work.NoContext();
            await legacy.Start;
        }
    }

    public struct Tick : INotifyCompletion
    {
        public Tick GetAwaiter() => this;
        public bool IsCompleted => true;
        public void GetResult() { }
        public void OnCompleted(Action continuation) => continuation();
    }

    public static class TaskExtensions
    {
        public static ConfiguredTaskAwaitable NoContext(this Task task) => task.ConfigureAwait(false);
    }
}
