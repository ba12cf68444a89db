// case: rewrite
// A library built for netstandard2.0 and net8.0: only overloads that every target has are used.
// HttpClient.GetAsync(url, token) exists everywhere; GetStringAsync(url, token) only from .NET 5.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Lib
{
    public class Fetcher
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> FetchAsync(string url, CancellationToken cancellationToken)
        {
            HttpResponseMessage head = await _http.GetAsync(url);
            string body = await _http.GetStringAsync(url);
            return head.StatusCode + body;
        }
    }
}
