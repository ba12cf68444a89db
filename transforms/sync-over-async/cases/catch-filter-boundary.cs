// case: rewrite
// args: --allow-boundaries
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Policy
    {
        private Task<bool> IsTransientAsync() => Task.FromResult(true);

        public bool IsTransient() => IsTransientAsync().Result;

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
    }
}
