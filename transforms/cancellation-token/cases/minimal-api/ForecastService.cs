using System.Net.Http;
using System.Threading.Tasks;

namespace Weather;

public class ForecastService
{
    private readonly HttpClient _http = new HttpClient();

    public Task<string> GetAsync(string city) => _http.GetStringAsync($"https://weather.example.com/{city}");

    public async Task RefreshAsync()
    {
        await _http.DeleteAsync("https://weather.example.com/cache");
    }
}
