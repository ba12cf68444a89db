// case: rewrite
// `async void` the code keeps on purpose is left alone: under `#pragma warning disable VSTHRD100`, with
// `[SuppressMessage]` for AsyncFixer03, or in an `[Obsolete]` member. The one after the `restore` is not.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;

namespace Jobs
{
    public class Background
    {
#pragma warning disable VSTHRD100 // fire and forget by design: the scheduler never waits
        public async void Kick()
        {
            await Task.Delay(1);
        }
#pragma warning restore VSTHRD100

        [SuppressMessage("AsyncUsage", "AsyncFixer03:Fire-and-forget async-void methods or delegates")]
        public async void Poke()
        {
            await Task.Delay(1);
        }

        [Obsolete("Use RunAsync")]
        public async void Run()
        {
            await Task.Delay(1);
        }

        public async void Refresh()
        {
            await Task.Delay(1);
        }

        public async Task CallerAsync()
        {
            Kick();
            Poke();
            Refresh();
            await Task.Yield();
        }
    }
}
