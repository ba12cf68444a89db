// case: rewrite
// The same code as project-wpf-boundary, in an ASP.NET Core project (Sdk.Web): no SynchronizationContext runs
// its code, so the constructor may keep a wait on a Count that now awaits (slow, but no deadlock), and the
// chain is converted for RefreshAsync, which awaits Count.
using System.Threading.Tasks;

namespace Inventory
{
    public class Store
    {
        public readonly int Total;

        public Store()
        {
            Total = Count();
        }

        private static Task<int> FetchCountAsync() => Task.FromResult(3);

        public int Count()
        {
            return FetchCountAsync().Result;
        }

        public async Task<int> RefreshAsync()
        {
            await Task.Yield();
            return Count();
        }
    }
}
