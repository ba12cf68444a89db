// case: rewrite
// A library a web API and a Windows Forms tray icon run, where no UI code awaits or blocks on a task: the tray
// only hosts, so no UI thread runs the library's continuations, and its awaits stay as the file has them, as in a
// library only the web API runs (shared-library is the same with a form that awaits). The published Sdk is
// configured.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace Pricing
{
    public class PriceList
    {
        private readonly HttpClient _http;
        private readonly Dictionary<string, decimal> _prices = new Dictionary<string, decimal>();

        public PriceList(HttpClient http) => _http = http;

        public async Task<decimal> PriceAsync(string sku)
        {
            if (!_prices.TryGetValue(sku, out decimal price))
            {
                string text = await _http.GetStringAsync("prices/" + sku);
                price = decimal.Parse(text);
                _prices[sku] = price;
            }
            return price;
        }
    }
}
