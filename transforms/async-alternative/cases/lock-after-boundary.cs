// case: rewrite
// args: --all-transforms --allow-boundaries
// sync-over-async makes `Count` async; the call under `lock (_gate)` cannot await, so it keeps a blocking wait (a
// boundary). That wait is a lock around a blocking wait like any other: the pass over the run's own output turns
// the lock into a semaphore and awaits it, as a second run would, so one run converges.
using System.Threading.Tasks;

namespace Shop
{
    public class Stock
    {
        private readonly object _gate = new object();
        private Task<int> FetchCountAsync() => Task.FromResult(4);

        public int Count() => FetchCountAsync().Result;

        public int Locked()
        {
            lock (_gate)
            {
                return Count();
            }
        }

        public async Task<int> FreeAsync()
        {
            await Task.Yield();
            return Count() + 1;
        }
    }
}
