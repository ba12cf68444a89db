// case: rewrite
// A public sync method beside a public `…Async` twin (an optional token aside) is the synchronous half of an API
// pair: callers that can await call the twin already, so it is left as it is and reported. A sync wrapper over
// a private async method is the type's only API for it: converted.
using System.Threading;
using System.Threading.Tasks;

namespace Web
{
    public interface IWebView
    {
        string GetPageText();

        Task<string> GetPageTextAsync();
    }

    public class OffscreenWebView : IWebView
    {
        public string GetPageText() => GetPageTextAsync().GetAwaiter().GetResult();

        public Task<string> GetPageTextAsync() => Task.FromResult("text");

        public string Download(string url) => DownloadAsync(url, CancellationToken.None).Result;

        public Task<string> DownloadAsync(string url, CancellationToken token) => Task.FromResult(url);

        public int Count() => CountAsync().Result;

        private Task<int> CountAsync() => Task.FromResult(1);
    }
}
