// case: rewrite
// oracle: compile
// The shapes a dropped task takes, in a library whose awaits take ConfigureAwait(false): each awaited form must
// compile at C# 7.2 (`Task.Yield()` has no ConfigureAwait; a generic task's value is dropped by the statement;
// an async lambda drops tasks too).
using System;
using System.IO;
using System.Threading.Tasks;

namespace Caching
{
    public class Cache
    {
        private readonly Stream _store;

        public Cache(Stream store)
        {
            _store = store;
        }

        public async Task RefreshAsync(byte[] data)
        {
            await LoadAsync().ConfigureAwait(false);
            CountAsync();
            CountAsync().ConfigureAwait(false);
            _store.WriteAsync(data, 0, data.Length);
            Task.Yield();
            Func<Task> flush = async () =>
            {
                _store.FlushAsync();
                await Task.Delay(1).ConfigureAwait(false);
            };
            await flush().ConfigureAwait(false);
            await SaveAsync().ConfigureAwait(false);
        }

        private async Task SaveAsync()
        {
            LoadAsync();
            await Task.Delay(1).ConfigureAwait(false);
        }

        private Task LoadAsync() => Task.Delay(1);

        private Task<int> CountAsync() => Task.FromResult(1);
    }
}
