// case: left-alone
// The call returns a ValueTask: `Task.Run(() => ...)` does not unwrap it (there is no Func<ValueTask>
// overload), so the code awaits the ValueTask object, not the work. Unwrapping would change what is awaited.
using System.Threading.Tasks;

namespace Shop
{
    public interface ICache
    {
        ValueTask<string> GetAsync(string key);
    }

    public class CacheController
    {
        private readonly ICache _cache;

        public CacheController(ICache cache) => _cache = cache;

        public async Task<string> Get(string key)
        {
            ValueTask<string> pending = await Task.Run(() => _cache.GetAsync(key));
            return await pending;
        }
    }
}
