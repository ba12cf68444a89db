// case: rewrite
// `Thread.Sleep` in a method that is not async is no site: synchronous code may sleep. But when this run makes
// the method async (here for its `.Result`), the sleep now blocks async code, and a second run would find it:
// it becomes `await Task.Delay` in the same run, in a `Task.Run` lambda made async as in a method. A sleep that
// cannot be awaited (inside `lock`) is reported.
using System.Threading;
using System.Threading.Tasks;

namespace Sync.Retry
{
    public class Fetcher
    {
        public int FetchWithBackoff(Task<int> attempt)
        {
            Thread.Sleep(250);
            return attempt.Result;
        }

        public int FetchLocked(Task<int> attempt)
        {
            lock (this)
            {
                Thread.Sleep(10);
            }
            return attempt.Result;
        }

        public void Pause()
        {
            // Stays: nothing makes this method async.
            Thread.Sleep(100);
        }

        public Task<int> Background(Task<int> attempt)
        {
            return Task.Run(() =>
            {
                Thread.Sleep(50);
                return attempt.Result;
            });
        }
    }
}
