// case: rewrite
// args: --all-transforms
// bounded-fanout wraps the fan-out in a `using` block (C# 7.2 has no `using var`) and re-indents the awaits
// inside it; they are configured in a pass over that output, and the limiter's new awaits follow the file,
// so a second run changes nothing.
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Legacy.Prices
{
    public class PriceSync
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> TotalAsync(IEnumerable<string> urls)
        {
            var pages = await Task.WhenAll(urls.Select(async url =>
            {
                var response = await _http.GetAsync(url);
                return await response.Content.ReadAsStringAsync();
            }));
            int total = pages.Sum(p => p.Length);
            return total;
        }
    }
}
