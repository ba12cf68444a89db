// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public class Cache
    {
        private readonly object _gate = new object();
        private int _value;

        private Task<int> LoadAsync() => Task.FromResult(1);

        public int Get()
        {
            lock (_gate)
            {
                _value = LoadAsync().Result;
                return _value;
            }
        }
    }
}
