using System;
using System.Threading.Tasks;

namespace Weather
{
    public class ApiClient
    {
        private readonly string _baseUrl;

        public ApiClient(string baseUrl)
        {
            _baseUrl = baseUrl;
        }

        public string Get(string path)
        {
            Console.WriteLine("  GET " + _baseUrl + path);
            return SendAsync(path).ConfigureAwait(false).GetAwaiter().GetResult();
        }

        // Simulated HTTP call.
        private async Task<string> SendAsync(string path)
        {
            await Task.Delay(1).ConfigureAwait(false);
            return path.Length % 2 == 0 ? "sunny" : "rain";
        }
    }
}
