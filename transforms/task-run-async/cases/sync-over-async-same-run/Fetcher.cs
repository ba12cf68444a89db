// case: rewrite
// args: --all-transforms
// `Task.Run(() => FooAsync()).GetAwaiter().GetResult()` (the classic way to block without deadlocking under a
// context): sync-over-async awaits it in this run, and with the wait gone Task.Run has nothing left to do.
using System.Net.Http;
using System.Threading.Tasks;

namespace Tool
{
    public class Fetcher
    {
        private static readonly HttpClient Http = new HttpClient();

        public string Fetch(string url)
        {
            return Task.Run(() => Http.GetStringAsync(url)).GetAwaiter().GetResult();
        }

        public async Task<int> SizeAsync(string url)
        {
            string page = Fetch(url);
            await Task.Delay(1);
            return page.Length;
        }
    }
}
