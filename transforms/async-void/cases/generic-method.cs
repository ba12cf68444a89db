// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Cache<TKey>
    {
        private readonly Dictionary<TKey, object> _items = new Dictionary<TKey, object>();

        public async void Store<TValue>(TKey key, TValue value) where TValue : class
        {
            await Task.Delay(1);
            _items[key] = value;
        }

        public async Task FillAsync(TKey key)
        {
            Store<string>(key, "x");
            await Task.Yield();
        }
    }
}
