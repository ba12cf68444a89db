// case: rewrite
// `Task.WhenAll(src.Select(x => WorkAsync(x)))`: every price fetch starts at once.
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Prices;

public class PriceRefresher
{
    private readonly HttpClient _http;

    public PriceRefresher(HttpClient http) => _http = http;

    public async Task RefreshAsync(IEnumerable<int> productIds)
    {
        await Task.WhenAll(productIds.Select(id => FetchPriceAsync(id)));
    }

    private async Task FetchPriceAsync(int id)
    {
        string body = await _http.GetStringAsync($"https://prices.example.com/{id}");
        Cache[id] = decimal.Parse(body);
    }

    public Dictionary<int, decimal> Cache { get; } = new();
}
