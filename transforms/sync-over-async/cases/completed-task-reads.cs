// case: left-alone
// A task read after it is known to have completed does not block: a status check (through `!` or `this.`),
// a property pattern, `await Task.WhenAny`, a WhenAll over a list the task was added to, and the antecedent
// read by its own name inside its ContinueWith callback, either of two tasks both waited for. The method with
// an `out` parameter is no blocker here: there is nothing to convert.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Cache
{
    public class Loader
    {
        private Task<int> _task = Task.FromResult(0);
        private Task<int> _last;

        private Task<int> LoadAsync() => Task.FromResult(1);

        public bool TryGet(out int value)
        {
            if (this._task.Status == TaskStatus.RanToCompletion)
            {
                value = this._task.Result;
                return true;
            }
            value = 0;
            return false;
        }

        public int Cached()
        {
            Task<int> imageTask = _last;
            if (imageTask!.Status == TaskStatus.RanToCompletion)
            {
                return imageTask.Result;
            }
            return -1;
        }

        public int Pattern(Task<int> t) => t is { IsCompletedSuccessfully: true } ? t.Result : -1;

        public async Task<int> FirstAsync(Task<int> a, Task<int> b)
        {
            var done = await Task.WhenAny(a, b);
            return done.Result;
        }

        public async Task<int> WithTimeoutAsync(Task<int> t)
        {
            if (await Task.WhenAny(t, Task.Delay(100)) == t)
            {
                return t.Result;
            }
            return -1;
        }

        public async Task<int> AllAsync()
        {
            var pending = new List<Task>();
            Task<int> first = LoadAsync();
            pending.Add(first);
            pending.Add(LoadAsync());
            await Task.WhenAll(pending);
            return first.Result;
        }

        public Task<int> Next(Task<int> task) => task.ContinueWith(_ => task.Result + 1);

        public async Task<string> OutputAsync(Task<string> stdout, Task<string> stderr, bool readStdErr)
        {
            await Task.WhenAll(stdout, stderr);
            return (readStdErr ? stderr : stdout).GetAwaiter().GetResult();
        }
    }
}
