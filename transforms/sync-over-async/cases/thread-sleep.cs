// case: rewrite
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Retry
    {
        public async Task<int> TryAsync()
        {
            Thread.Sleep(100);
            await Task.Yield();
            return 1;
        }

        public void Pause()
        {
            // Synchronous code may sleep: left as it is.
            Thread.Sleep(10);
        }
    }
}
