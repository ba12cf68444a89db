// case: left-alone
using System;
using System.Threading.Tasks;

namespace Service
{
    public class Watcher
    {
        public event EventHandler Changed;
        public event EventHandler<string> Renamed;
        public event Func<object, EventArgs, Task> ChangedAsync;

        public void Start(System.Timers.Timer timer)
        {
            Changed += async (s, e) => await SyncAsync();
            Renamed += async (s, name) => await SyncAsync();
            // Returns a task: the raiser can await it. Not a site.
            ChangedAsync += async (s, e) => await SyncAsync();
            timer.Elapsed += async (s, e) => await SyncAsync();
        }

        private Task SyncAsync() => Task.CompletedTask;
    }
}
