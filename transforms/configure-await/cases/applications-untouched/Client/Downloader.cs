using System.Net.Http;
using System.Threading.Tasks;

namespace Client
{
    public class Downloader
    {
        private static readonly HttpClient Http = new HttpClient();

        public async Task<string> DownloadAsync(string url)
        {
            var response = await Http.GetAsync(url);
            return await response.Content.ReadAsStringAsync();
        }
    }
}
