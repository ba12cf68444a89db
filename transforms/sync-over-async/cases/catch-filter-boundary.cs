// case: rewrite
// args: --allow-boundaries
// IsTransient becomes async for CheckAsync, which awaits it; the catch filter cannot await and keeps a wait.
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Policy
    {
        private Task<bool> QueryTransientAsync() => Task.FromResult(true);

        public bool IsTransient() => QueryTransientAsync().Result;

        public int Call(Func<int> action)
        {
            try
            {
                return action();
            }
            catch (TimeoutException) when (IsTransient())
            {
                return -1;
            }
        }

        public async Task<bool> CheckAsync()
        {
            await Task.Yield();
            return IsTransient();
        }
    }
}
