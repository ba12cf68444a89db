// case: rewrite
// args: --all-transforms
// With every transform on: `Count` only blocks on `CountAsync`, so sync-over-async keeps it as a wrapper and has
// its async callers await `CountAsync`. async-alternative finds the same call and leaves it to that fix: one edit,
// not two. `Thread.Sleep` in the async method is sync-over-async's as well.
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Inbox
    {
        public int Count() => CountAsync().Result;

        public Task<int> CountAsync() => Task.FromResult(3);
    }

    public class Badge
    {
        private readonly Inbox _inbox = new Inbox();

        public async Task<string> TextAsync()
        {
            Thread.Sleep(10);
            await Task.Yield();
            return "(" + _inbox.Count() + ")";
        }
    }
}
