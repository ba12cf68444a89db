using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;

namespace Pricing;

public class PriceClient
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<decimal> FetchAsync(int id)
    {
        string text = await _http.GetStringAsync($"prices/{id}");
        return decimal.Parse(text, CultureInfo.InvariantCulture);
    }
}
