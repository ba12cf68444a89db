// case: rewrite
// The file's task-returning methods do not take the Async suffix: methods that become async keep their names
// unless --rename-async asks.
using System.Threading.Tasks;

namespace Shop
{
    public class Stock
    {
        public Task<int> Count() => Task.FromResult(2);

        public Task Save() => Task.CompletedTask;

        public Task<int> FetchAsync() => Task.FromResult(1);

        private int Load() => Count().Result;

        public int Total() => Load() * 2;
    }
}
