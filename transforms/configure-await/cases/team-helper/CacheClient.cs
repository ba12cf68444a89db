// case: rewrite
// The library configures its awaits with a helper of its own (ForAwait, with an overload for every task type)
// far more often than it writes ConfigureAwait: the awaits it missed get the helper too, in files that call it.
using System.Threading.Tasks;

namespace Contoso.Cache
{
    public class CacheClient
    {
        private readonly IConnection _connection;

        public CacheClient(IConnection connection) => _connection = connection;

        public async Task<string> GetAsync(string key)
        {
            await _connection.EnsureOpenAsync().ForAwait();
            return await _connection.SendAsync("GET " + key).ForAwait();
        }

        public async Task SetAsync(string key, string value)
        {
            await _connection.EnsureOpenAsync().ForAwait();
            await _connection.SendAsync("SET " + key + " " + value).ForAwait();
        }

        public async Task<bool> ExistsAsync(string key)
        {
            await _connection.EnsureOpenAsync().ForAwait();
            var reply = await _connection.SendAsync("EXISTS " + key).ForAwait();
            return reply == "1";
        }

        public async Task DeleteAsync(string key)
        {
            await _connection.EnsureOpenAsync();
            await _connection.SendAsync("DEL " + key);
            await _connection.FlushAsync();
        }
    }

    public interface IConnection
    {
        Task EnsureOpenAsync();
        Task<string> SendAsync(string command);
        ValueTask FlushAsync();
    }
}
