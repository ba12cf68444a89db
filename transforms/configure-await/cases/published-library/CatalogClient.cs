// case: rewrite
// A published library: its callers may block on it from a UI thread, so every await on a task is configured.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.Catalog
{
    public class CatalogClient
    {
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
        private readonly ICache _cache;

        public CatalogClient(HttpClient http, ICache cache)
        {
            _http = http;
            _cache = cache;
        }

        public async Task<string> GetAsync(string sku)
        {
            await _gate.WaitAsync();
            try
            {
                var cached = await _cache.FindAsync(sku);
                if (cached != null)
                {
                    return cached;
                }
                var json = await _http.GetStringAsync("items/" + sku);
                await _cache.StoreAsync(sku, json);
                return json;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<int> CountAsync(IReadOnlyList<string> skus)
        {
            Task<string>[] lookups = new Task<string>[skus.Count];
            for (int i = 0; i < skus.Count; i++)
            {
                lookups[i] = GetAsync(skus[i]);
            }
            string[] found = await Task.WhenAll(lookups);
            await Task.Delay(10);
            Task<string> first = lookups[0];
            int length = (await first).Length + await SizeAsync();
            return found.Length + length;
        }

        public Task WarmAsync(string sku) => Task.Run(async () => await GetAsync(sku));

        private async ValueTask<int> SizeAsync()
        {
            await Task.CompletedTask;
            return 1;
        }
    }

    public interface ICache
    {
        Task<string> FindAsync(string key);
        Task StoreAsync(string key, string value);
    }
}
