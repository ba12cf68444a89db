// case: rewrite
// A lock around a blocking wait inside a method that is already async and has a token: the semaphore is awaited
// with the token, and the wait under it becomes `await`. A static lock object gives a static semaphore.
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Counter
    {
        private static readonly object Sync = new object();
        private static int _count;

        public async Task<int> NextAsync(CancellationToken token)
        {
            await Task.Yield();
            lock (Sync) {
                _count += Task.FromResult(1).GetAwaiter().GetResult();
                return _count;
            }
        }
    }
}
