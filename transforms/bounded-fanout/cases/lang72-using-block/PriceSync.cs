// case: rewrite
// C# 7.2 has no `using var`: a `using (...) { }` block covers the fan-out through the awaited
// WhenAll, and reaches the end of the block when a local declared there is used later.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Legacy.Prices
{
    public class PriceSync
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task SyncAsync(IEnumerable<int> ids)
        {
            Console.WriteLine("sync started");
            await Task.WhenAll(ids.Select(id => PushAsync(id)));
            Console.WriteLine("sync done");
        }

        public async Task<int> TotalAsync(IEnumerable<string> urls, CancellationToken token)
        {
            var pages = await Task.WhenAll(urls.Select(async url =>
            {
                var response = await _http.GetAsync(url, token);
                return await response.Content.ReadAsStringAsync();
            }));
            int total = pages.Sum(p => p.Length);
            return total;
        }

        public async Task RefreshAsync(IEnumerable<int> ids)
        {
            var tasks = new List<Task>();
            foreach (var id in ids)
            {
                tasks.Add(PushAsync(id));
            }

            await Task.WhenAll(tasks);
        }

        public async Task ExportAsync(IEnumerable<int> ids)
        {
            const string header = @"id;price
---";
            var tasks = ids.Select(id => Task.Run(() =>
            {
                var line = string.Format(@"{0};
{1}", header, id);
                return line.Length;
            })).ToList();
            await Task.WhenAll(tasks);
            Console.WriteLine(tasks.Sum(t => t.Result));
        }

        private Task PushAsync(int id) => Task.Delay(id);
    }
}
