// case: rewrite
// A library both a Windows Forms application and a web API run: shared code, which a UI thread may call and
// block on, so its awaits are configured; the applications' own awaits are not touched.
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
