// case: rewrite
// args: --allow-boundaries
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

        public int Free() => Count() + 1;
    }
}
