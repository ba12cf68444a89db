// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public class Cache
    {
        private Task<int> FetchAsync() => Task.FromResult(1);

        public int Lookup() => FetchAsync().Result;
    }
}
