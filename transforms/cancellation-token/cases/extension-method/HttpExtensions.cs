using System.Net.Http;
using System.Threading.Tasks;

namespace Client;

public static class HttpExtensions
{
    public static async Task<string> GetTrimmedAsync(this HttpClient http, string url)
    {
        string text = await http.GetStringAsync(url);
        return text.Trim();
    }

    public static Task<string> GetPageAsync(this HttpClient http, string url, int page = 1)
        => GetTrimmedAsync(http, $"{url}?page={page}");
}
