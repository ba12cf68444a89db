// case: rewrite
// args: --rename-async
using System.Threading.Tasks;

namespace Shop
{
    public interface IStore
    {
        int Count();
    }

    public class Store : IStore
    {
        private Task<int> LoadAsync() => Task.FromResult(2);

        public int Count() => LoadAsync().Result;

        // Its public Async twin exists: callers that can await use it, and Total stays as the synchronous half.
        public Task<int> TotalAsync() => Task.FromResult(3);

        public int Total() => TotalAsync().Result;
    }
}
