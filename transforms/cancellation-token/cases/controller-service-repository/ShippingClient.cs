using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace Shop.Web;

public class ShippingClient
{
    private readonly HttpClient _http;

    public ShippingClient(HttpClient http) => _http = http;

    public async Task<decimal> QuoteAsync(int orderId)
    {
        using HttpResponseMessage response = await _http.GetAsync($"quotes/{orderId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<decimal>();
    }
}

public class Order
{
    public int Id { get; set; }
    public decimal ShippingQuote { get; set; }
}
