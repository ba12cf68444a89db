// case: rewrite
// In a console project a caller may keep a blocking wait, but a conversion whose every caller up the chain would
// keep one only moves the wait: `GetCollections` (only called inside a lock) and `Describe` (only called by a
// constructor) stay and are reported. `Load` is awaited by code that is async already: converted.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Catalog
{
    public class Collections
    {
        private readonly object _gate = new object();
        private List<string> _cache;

        private Task<List<string>> GetFolderAsync() => Task.FromResult(new List<string> { "a" });

        private List<string> GetCollections()
        {
            return GetFolderAsync().GetAwaiter().GetResult();
        }

        public int Count()
        {
            lock (_gate)
            {
                _cache ??= GetCollections();
                return _cache.Count;
            }
        }

        private int Load() => GetFolderAsync().Result.Count;

        public async Task<int> RefreshAsync()
        {
            await Task.Yield();
            return Load();
        }
    }

    public class Label
    {
        private readonly string _text;

        public Label(Task<string> text)
        {
            _text = Describe(text);
        }

        private static string Describe(Task<string> text) => text.Result.ToUpperInvariant();
    }
}
