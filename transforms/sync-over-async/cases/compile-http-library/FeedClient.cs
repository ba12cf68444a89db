// case: rewrite
// oracle: compile
// A class library (no Main, so it is compiled but not run) that blocks on HttpClient and Stream
// calls; the chain up to the public API becomes async.
using System.IO;
using System.Net.Http;
using System.Text;

namespace Feeds
{
    public class FeedClient
    {
        private readonly HttpClient _http;

        public FeedClient(HttpClient http)
        {
            _http = http;
        }

        public string Download(string url)
        {
            return _http.GetStringAsync(url).Result;
        }

        public byte[] DownloadBytes(string url)
        {
            using (Stream stream = _http.GetStreamAsync(url).GetAwaiter().GetResult())
            using (var buffer = new MemoryStream())
            {
                stream.CopyToAsync(buffer).Wait();
                return buffer.ToArray();
            }
        }

        public string DownloadText(string url) => Encoding.UTF8.GetString(DownloadBytes(url));
    }
}
