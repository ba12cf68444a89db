using System.Net.Http;
using System.Threading.Tasks;

namespace Legacy
{
    public class Remote
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> PullAsync(string path)
        {
            HttpResponseMessage response = await _http.GetAsync(path);
            string etag = await _http.GetStringAsync(path + "/etag");
            return etag + response.StatusCode;
        }
    }
}
