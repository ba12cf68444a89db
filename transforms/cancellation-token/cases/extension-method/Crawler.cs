// case: rewrite
// Our extension methods on HttpClient: the receiver is their first parameter, so the token goes
// after the other arguments of `http.GetTrimmedAsync(url)`; static-style calls count it.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Client;

public class Crawler
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<int> CrawlAsync(string url, CancellationToken ct)
    {
        string home = await _http.GetTrimmedAsync(url);
        string second = await _http.GetPageAsync(url, 2);
        string third = await HttpExtensions.GetPageAsync(_http, url);
        return home.Length + second.Length + third.Length;
    }
}
