using System.Net.Http;
using System.Threading.Tasks;

namespace Sdk
{
    // Published: whoever runs it, its awaits are configured.
    public class PriceClient
    {
        private readonly HttpClient _http;

        public PriceClient(HttpClient http) => _http = http;

        public async Task<string> PriceTextAsync(string sku) => await _http.GetStringAsync("prices/" + sku);
    }
}
